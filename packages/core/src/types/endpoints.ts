/**
 * Endpoint typing hooks. Declare your own endpoints by augmenting `EndpointTypeMap`:
 *
 *   declare module '@falkit/core' {
 *     interface EndpointTypeMap { 'me/my-app': { input: { prompt: string }; output: { text: string } } }
 *   }
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by users
export interface EndpointTypeMap {}

export type EndpointType = keyof EndpointTypeMap | (string & {});

export type InputType<T extends string> = T extends keyof EndpointTypeMap
  ? EndpointTypeMap[T] extends { input: infer I }
    ? I
    : Record<string, any>
  : Record<string, any>;

export type OutputType<T extends string> = T extends keyof EndpointTypeMap
  ? EndpointTypeMap[T] extends { output: infer O }
    ? O
    : any
  : any;
