/**
 * Endpoint typing: every call site (`run`, `subscribe`, `stream`, `submit`, `queue.*`, the observers
 * and the React hooks) types its input and output from the endpoint id through these types.
 *
 * - Opt into fal's generated types for ~1,200 public endpoints with `@falkit/core/endpoints`
 *   (types only; needs `@fal-ai/client` installed, adds no byte to any bundle).
 * - Declare private apps by augmenting the map:
 *
 *   declare module '@falkit/core' {
 *     interface EndpointTypeMap { 'me/my-app': { input: { prompt: string }; output: { text: string } } }
 *   }
 *
 * - Or name the types at the call: `fal.run<FalEndpoint<MyInput, MyOutput>>('me/my-app', …)`.
 *
 * Any other id is typed safely, never as `any`: input `UnknownEndpointInput`, output `unknown`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by augmentation
export interface EndpointTypeMap {}

/** The input of an endpoint falkit has no types for: a JSON-ish object. */
export type UnknownEndpointInput = Record<string, unknown>;

declare const endpointTypes: unique symbol;

/**
 * An endpoint id that carries its input and output types, for ids outside `EndpointTypeMap`.
 * Pass it as the explicit generic: `fal.run<FalEndpoint<{ prompt: string }, { text: string }>>('me/app', …)`.
 * It is a plain string at runtime.
 */
export type FalEndpoint<Input = UnknownEndpointInput, Output = unknown> = string & {
  readonly [endpointTypes]?: { input: Input; output: Output };
};

/** An endpoint id: a key of `EndpointTypeMap` (completed by editors), or any other string. */
export type EndpointType = keyof EndpointTypeMap | (string & {});

/** The input type of endpoint `T`; `UnknownEndpointInput` for an id falkit has no types for. */
export type InputType<T extends string> = T extends keyof EndpointTypeMap
  ? EndpointTypeMap[T] extends { input: infer I }
    ? I
    : UnknownEndpointInput
  : T extends { readonly [endpointTypes]?: { input: infer I } }
    ? I
    : UnknownEndpointInput;

/** The output type of endpoint `T`; `unknown` for an id falkit has no types for. */
export type OutputType<T extends string> = T extends keyof EndpointTypeMap
  ? EndpointTypeMap[T] extends { output: infer O }
    ? O
    : unknown
  : T extends { readonly [endpointTypes]?: { output: infer O } }
    ? O
    : unknown;
