/**
 * Where an emulator request is really going. The emulator serves `https://{host}{path}{search}`
 * at `{origin}/{host}{path}{search}`, so every module receives the real fal host and path,
 * plus the public origin it must use when building absolute URLs.
 */
export interface RouteInfo {
  /** Real fal host, lower case, e.g. `rest.fal.ai` or `v3.fal.media`. */
  host: string;
  /** Path on that host, starting with `/` (still percent-encoded). */
  path: string;
  /** Query string including the leading `?`, or `''`. */
  search: string;
  /** Public emulator origin without trailing slash, e.g. `http://127.0.0.1:8787`. */
  origin: string;
}
