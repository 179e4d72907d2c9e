'use client';
/**
 * `@falkit/react/query`: fal calls as TanStack Query options, so apps already on react-query get
 * caching, deduplication, suspense and devtools for fal requests.
 *
 * Query keys (stable, for `invalidateQueries` / `getQueryData`):
 * - `falQueryOptions`:        `['fal', endpointId, input]`            (queue; `['fal', endpointId, input, 'run']` with `mode: 'run'`)
 * - `falStreamQueryOptions`:  `['fal', endpointId, input, 'stream']`
 * - `falMutationOptions`:     mutation key `['fal', endpointId]`
 *
 * The query's `signal` is passed on: when react-query cancels a query (unmount of the last
 * observer with `gcTime` passing, `cancelQueries`, a newer key), the fal job is cancelled too.
 */
import {
  type EndpointType,
  type FalClient,
  fal,
  type InputType,
  type OutputType,
  type QueueStatus,
} from '@falkit/core';
import { experimental_streamedQuery, mutationOptions, queryOptions } from '@tanstack/react-query';

export interface FalQueryCallOptions {
  /** Client to use; default: core's shared `fal` instance. */
  client?: FalClient;
  /** `subscribe` (queue, default) or `run` (direct call). */
  mode?: 'subscribe' | 'run';
  logs?: boolean;
  priority?: 'normal' | 'low';
  hint?: string;
  webhookUrl?: string;
  /** Client-side timeout in ms. */
  timeout?: number;
  /** Server-side start timeout in seconds. */
  startTimeout?: number;
  onEnqueue?: (requestId: string) => void;
  onQueueUpdate?: (status: QueueStatus) => void;
}

export type FalQueryKey<TInput> = readonly ['fal', string, TInput] | readonly ['fal', string, TInput, 'run'];

function callFal<TOutput>(
  endpointId: string,
  input: unknown,
  options: FalQueryCallOptions,
  signal: AbortSignal | undefined,
): Promise<TOutput> {
  const client = options.client ?? fal;
  if (options.mode === 'run') {
    return client
      .run(endpointId, {
        input: input as never,
        abortSignal: signal,
        timeout: options.timeout,
        startTimeout: options.startTimeout,
        hint: options.hint,
      })
      .then((result) => result.data as TOutput);
  }
  return client
    .subscribe(endpointId, {
      input: input as never,
      abortSignal: signal,
      logs: options.logs,
      priority: options.priority,
      hint: options.hint,
      webhookUrl: options.webhookUrl,
      timeout: options.timeout,
      startTimeout: options.startTimeout,
      onEnqueue: options.onEnqueue,
      onQueueUpdate: options.onQueueUpdate,
    })
    .then((result) => result.data as TOutput);
}

/** Query options for one fal request; `data` is the model output. */
export function falQueryOptions<Id extends EndpointType, TInput = InputType<Id>, TOutput = OutputType<Id>>(
  endpointId: Id,
  input: NoInfer<TInput>,
  options: FalQueryCallOptions = {},
) {
  const queryKey =
    options.mode === 'run'
      ? (['fal', endpointId, input, 'run'] as const)
      : (['fal', endpointId, input] as const);
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) => callFal<TOutput>(endpointId, input, options, signal),
    // A fal job is billed work: do not re-run it on focus or reconnect by default.
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Mutation options: `mutate(input)` submits a job and resolves with its output. */
export function falMutationOptions<Id extends EndpointType, TInput = InputType<Id>, TOutput = OutputType<Id>>(
  endpointId: Id,
  options: FalQueryCallOptions = {},
) {
  return mutationOptions<TOutput, Error, TInput>({
    mutationKey: ['fal', endpointId],
    mutationFn: (input) => callFal<TOutput>(endpointId, input, options, undefined),
  });
}

export interface FalStreamQueryOptions<TEvent, TData> {
  client?: FalClient;
  /** How a refetch treats data already streamed (react-query's `refetchMode`). Default `reset`. */
  refetchMode?: 'append' | 'reset' | 'replace';
  /** Fold events into `data`; default: `data` is the array of events. */
  reducer?: (accumulator: TData, event: TEvent) => TData;
  initialValue?: TData;
}

/** Query options for a streaming endpoint via react-query's `streamedQuery`: `data` grows as events arrive. */
export function falStreamQueryOptions<
  Id extends EndpointType,
  TInput = InputType<Id>,
  TEvent = OutputType<Id>,
  TData = TEvent[],
>(endpointId: Id, input: NoInfer<TInput>, options: FalStreamQueryOptions<NoInfer<TEvent>, TData> = {}) {
  const client = options.client ?? fal;
  const streamFn = async ({ signal }: { signal: AbortSignal }): Promise<AsyncIterable<TEvent>> =>
    (await client.stream(endpointId, { input: input as never, signal })) as AsyncIterable<TEvent>;
  const queryFn =
    options.reducer !== undefined
      ? experimental_streamedQuery<TEvent, TData, readonly ['fal', Id, TInput, 'stream']>({
          streamFn,
          refetchMode: options.refetchMode,
          reducer: options.reducer,
          initialValue: options.initialValue as TData,
        })
      : (experimental_streamedQuery<TEvent, TEvent[], readonly ['fal', Id, TInput, 'stream']>({
          streamFn,
          refetchMode: options.refetchMode,
        }) as unknown as ReturnType<
          typeof experimental_streamedQuery<TEvent, TData, readonly ['fal', Id, TInput, 'stream']>
        >);
  return queryOptions({
    queryKey: ['fal', endpointId, input, 'stream'] as const,
    queryFn,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
