import type { StreamTokenProvider } from '../transport/fetchStreamToken';

export type { StreamTokenProvider };

export type StreamingConnectionMode = 'client' | 'server';

/** Options of `stream()`: the `@fal-ai/client` names, plus `abortSignal` as an alias of `signal`. */
export interface StreamOptions<Input> {
  /** The model input (JSON; `Blob`s and large data URLs are uploaded first unless `autoUpload: false`). */
  readonly input?: Input;
  /** Full URL to call instead of `https://fal.run/{endpointId}/stream`. */
  readonly url?: string;
  readonly queryParams?: Record<string, string>;
  /**
   * Idle timeout in ms: the stream fails with `TimeoutError` when no bytes arrive for this long
   * (keep-alive comments count). Default 15 000; `Infinity` disables it.
   */
  readonly timeout?: number;
  /** Upload `Blob`s / large data URLs in `input` first (default `true`). */
  readonly autoUpload?: boolean;
  /** HTTP method (default `post`); with `get` the input is sent as query parameters. */
  readonly method?: 'get' | 'post' | 'put' | 'delete' | (string & {});
  /** `Accept` header (default `text/event-stream`). */
  readonly accept?: string;
  /**
   * `server` (default): through the client's transport (credentials, middleware, proxy).
   * `client`: straight to fal with a short-lived token in `fal_jwt_token`, bypassing the proxy.
   */
  readonly connectionMode?: StreamingConnectionMode;
  /** Aborts the stream (same as calling `abort()`). */
  readonly signal?: AbortSignal;
  /** Alias of `signal`. */
  readonly abortSignal?: AbortSignal;
  /** Token source for `connectionMode: 'client'` (default: `POST rest.fal.ai/tokens/` with your key). */
  readonly tokenProvider?: StreamTokenProvider;
}

export type FalStreamEventType = 'data' | 'error' | 'done';
