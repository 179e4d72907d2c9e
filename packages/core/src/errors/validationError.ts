import { ApiError, type ApiErrorArgs } from './apiError';

/** One FastAPI/Pydantic validation problem: `loc` is the path to the field (`['body', 'prompt']`). */
export interface ValidationErrorInfo {
  msg: string;
  loc: Array<string | number>;
  type: string;
  url?: string;
  ctx?: Record<string, unknown>;
  input?: unknown;
}

export interface ValidationErrorBody {
  detail: ValidationErrorInfo[] | string;
}

/** Normalise `detail` (array, or a bare string) into a list of field errors (§10.1). */
export function toFieldErrors(body: unknown): ValidationErrorInfo[] {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  if (typeof detail === 'string') return [{ loc: ['body'], msg: detail, type: 'value_error' }];
  if (!Array.isArray(detail)) return [];
  return detail
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({
      ...item,
      loc: Array.isArray(item.loc) ? (item.loc as Array<string | number>) : [],
      msg: typeof item.msg === 'string' ? item.msg : String(item.msg ?? ''),
      type: typeof item.type === 'string' ? item.type : 'value_error',
    }));
}

/** `prompt: field required; image.size: too large` — names every failing field. */
export function describeFieldErrors(errors: readonly ValidationErrorInfo[]): string {
  return errors
    .map((error) => {
      const path = error.loc.filter((part, index) => !(index === 0 && part === 'body')).join('.');
      return path ? `${path}: ${error.msg}` : error.msg;
    })
    .join('; ');
}

/** A 422 answer: the input did not match the model's schema. */
export class ValidationError extends ApiError<ValidationErrorBody> {
  constructor(args: ApiErrorArgs<ValidationErrorBody>) {
    const described = describeFieldErrors(toFieldErrors(args.body));
    super({ ...args, message: described ? `Validation failed: ${described}` : args.message });
  }

  get fieldErrors(): ValidationErrorInfo[] {
    return toFieldErrors(this.body);
  }

  /** Errors whose `loc` ends with `field` (e.g. `getFieldErrors('prompt')`). */
  getFieldErrors(field: string): ValidationErrorInfo[] {
    return this.fieldErrors.filter((error) => error.loc[error.loc.length - 1] === field);
  }
}
