/** Base class of every error falkit throws itself (cancellation is the platform's `AbortError`). */
export class FalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
