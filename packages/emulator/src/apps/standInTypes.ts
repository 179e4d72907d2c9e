/**
 * Input and output types of the stand-in apps whose ids fal's generated map (`@fal-ai/client/endpoints`,
 * behind `@falkit/core/endpoints`) does not list. The image apps and whisper answer with fal's own
 * types for their ids; a type test checks every stand-in's output against them.
 */

/** What `falkit/echo` answers with instead of its input when `fail` is set. */
export interface EchoFailure {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `falkit/echo`: any JSON object; the knobs below shape the job. */
export type EchoInput = {
  /** How long the job runs, in ms (scaled by the emulator's speed). */
  delay_ms?: number;
  /** Log lines to emit across the delay (0–10000). */
  logs?: number;
  /** `{index, total}` events to stream before the result (0–10000). */
  events?: number;
  fail?: EchoFailure;
  [field: string]: unknown;
};

/** `falkit/echo` returns its input (uploaded files as URLs); streams `EchoEvent`s before it. */
export type EchoOutput = Record<string, unknown>;

export type EchoEvent = { index: number; total: number };

/** `fal-ai/any-llm` (the last generated types fal published for it, `@fal-ai/client` 1.2). */
export type AnyLlmInput = {
  prompt: string;
  /** Any model name; the emulator answers as `google/gemini-flash-1.5` by default. */
  model?: string;
  system_prompt?: string;
  reasoning?: boolean;
};

/** Every streamed event and the result; the server sends `error: null` when there is none. */
export type AnyLlmOutput = {
  output: string;
  reasoning?: string;
  partial?: boolean;
  error?: string | null;
};

/** Endpoint types of the stand-ins outside fal's map, in the shape of `@falkit/core`'s `EndpointTypeMap`. */
export interface EmulatorEndpointTypeMap {
  'falkit/echo': { input: EchoInput; output: EchoOutput };
  'fal-ai/any-llm': { input: AnyLlmInput; output: AnyLlmOutput };
}
