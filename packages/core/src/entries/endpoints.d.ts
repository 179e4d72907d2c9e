/**
 * `@falkit/core/endpoints`: types only, a hand-written declaration file shipped as it is (it names
 * both packages by their public names, so it resolves the same in the workspace and when installed).
 * `import type {} from '@falkit/core/endpoints'` fills `EndpointTypeMap` with the input and output
 * types `@fal-ai/client` generates for fal's public endpoints, so `fal.run('fal-ai/flux/dev', …)` and
 * every hook infer both from the id. Needs `@fal-ai/client` installed (an optional peer dependency).
 */
import type { EndpointTypeMap as FalClientEndpointTypeMap } from '@fal-ai/client/endpoints';

declare module '@falkit/core' {
  interface EndpointTypeMap extends FalClientEndpointTypeMap {}
}
