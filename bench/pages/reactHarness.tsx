import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { page } from './harness';

/** The React pages' one call: mount `App`; it settles when the job's success is on screen. */
export function reactPage(
  App: ComponentType<{ done: (result: unknown) => void; fail: (error: unknown) => void }>,
) {
  page(
    () =>
      new Promise((resolve, reject) => {
        const root = document.createElement('div');
        document.body.append(root);
        createRoot(root).render(<App done={resolve} fail={reject} />);
      }),
  );
}

/** The job both React pages run: queued, 200 ms, three log lines. */
export const JOB = { endpointId: 'falkit/echo', input: { delay_ms: 200, logs: 3 } } as const;
