import type { FalClientConfig } from '../config';
import type { FalContext } from '../context';
import type { transformInput } from '../storage/transformInput';
import { createFalContext } from './createFalContext';

/** The storage code an input's files are uploaded with (a lazily loaded module). */
export type LoadInputUploads = () => Promise<{ transformInput: typeof transformInput }>;

/**
 * The `FalContext` for a config, whose `uploadFiles` loads the storage code only when an input holds a
 * file: one place for `createFalClient` and `createFalConnection` (each passes its own lazy module).
 */
export function createUploadingContext(config: FalClientConfig, loadStorage: LoadInputUploads): FalContext {
  const ctx: FalContext = {
    ...createFalContext(config),
    uploadFiles: async (input, signal) => (await loadStorage()).transformInput(ctx, input, { signal }),
  };
  return ctx;
}
