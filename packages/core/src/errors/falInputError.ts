import { FalError } from './falError';

/**
 * Bad arguments caught before any request is sent: malformed endpoint id, input that is not
 * JSON-serialisable, invalid priority / timeout / webhook URL. `path` names the offending option or
 * input field (`input.callback`, `priority`).
 */
export class FalInputError extends FalError {
  readonly path?: string;

  constructor(message: string, path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.path = path;
  }
}
