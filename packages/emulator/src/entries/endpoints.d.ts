/**
 * `@falkit/emulator/endpoints`: types only, a hand-written declaration file shipped as it is (it names
 * both packages by their public names, so it resolves the same in the workspace and when installed).
 * Importing it (`import type {} from '@falkit/emulator/endpoints'`) adds the emulator's own stand-ins
 * (`falkit/echo`, `fal-ai/any-llm`) to `@falkit/core`'s `EndpointTypeMap`. The image apps and whisper
 * use fal's ids and types: opt into those with `@falkit/core/endpoints`.
 */
import type { EmulatorEndpointTypeMap } from '@falkit/emulator';

declare module '@falkit/core' {
  interface EndpointTypeMap extends EmulatorEndpointTypeMap {}
}
