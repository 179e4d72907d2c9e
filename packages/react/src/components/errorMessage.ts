/** A readable message from whatever a hook put in `error`. */
export function errorMessage(error: unknown): string | undefined {
  if (error === null || error === undefined) return undefined;
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return String(error);
}
