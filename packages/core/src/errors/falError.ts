/** Marks errors that are falkit's own without extending `FalError` (see `NetworkError`). */
export const FAL_ERROR_BRAND: unique symbol = Symbol('falkit.FalError');

/** Base class of every error falkit throws itself (cancellation is the platform's `AbortError`). */
export class FalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /**
   * `error instanceof FalError` also holds for `NetworkError`, which extends `TypeError` (what fetch
   * throws) so that code written for `@fal-ai/client` keeps catching it. Subclasses check normally.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof` (ApiError, …), not always FalError.
    // biome-ignore lint/complexity/noThisInStatic: inherited by subclasses, which must check themselves
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: only FalError itself accepts branded errors
    if (this !== FalError) return false;
    return typeof value === 'object' && value !== null && FAL_ERROR_BRAND in value;
  }
}
