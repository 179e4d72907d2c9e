'use client';
/**
 * `@falkit/react/query`: fal calls as TanStack Query options, so apps already on react-query get
 * suspense, devtools and their own cache for fal requests. The requests themselves are a view over
 * a `FalStore` (the `store` option, else the default store of `client`, else of core's `fal`): the
 * same key function as the hooks, and a result the store still keeps is not submitted again.
 *
 * Query keys: `['fal', endpointId, input, requestKey]`, where `requestKey` is the store's key
 * (kind, endpoint, input, every request option, client identity), so two clients or two option sets
 * never share an entry. Invalidate by prefix: `['fal']`, `['fal', endpointId]` or
 * `['fal', endpointId, input]`. Mutations: `['fal', endpointId]`.
 *
 * The query's `signal` is passed on: when react-query cancels a query (`cancelQueries`, a newer
 * key, unmount while fetching), the fal job is cancelled too unless something else follows it. A
 * refetch (`invalidateQueries`, `refetch()`) submits anew.
 */
import {
  type EndpointType,
  type FalClient,
  fal,
  type InputType,
  type OutputType,
  type QueueStatus,
} from '@falkit/core';
import { FalStore } from '@falkit/core/observers';
import {
  experimental_streamedQuery,
  mutationOptions,
  type QueryFunctionContext,
  queryOptions,
} from '@tanstack/react-query';

export interface FalQueryCallOptions {
  /** Store to use (e.g. the one given to `<FalProvider store>`); default: the default store of `client`. */
  store?: FalStore;
  /** Client to use (its default store); default: core's shared `fal` instance. */
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

export type FalQueryKey<TInput> = readonly ['fal', string, TInput, string];

function storeOf(options: { store?: FalStore; client?: FalClient }): FalStore {
  return options.store ?? FalStore.for(options.client ?? fal);
}

function requestOptions(options: FalQueryCallOptions) {
  const { logs, priority, hint, webhookUrl, timeout, startTimeout } = options;
  return {
    kind: options.mode === 'run' ? ('run' as const) : ('queue' as const),
    logs,
    priority,
    hint,
    webhookUrl,
    timeout,
    startTimeout,
  };
}

/** The query key of `falQueryOptions(endpointId, input, options)`. */
export function falQueryKey<TInput>(
  endpointId: string,
  input: TInput,
  options: FalQueryCallOptions = {},
): FalQueryKey<TInput> {
  const { kind, ...request } = requestOptions(options);
  return ['fal', endpointId, input, storeOf(options).requestKey(kind, endpointId, input, request)] as const;
}

function callFal<TOutput>(
  endpointId: string,
  input: unknown,
  options: FalQueryCallOptions,
  signal: AbortSignal | undefined,
  refetch: boolean,
): Promise<TOutput> {
  return storeOf(options)
    .fetch<TOutput>(endpointId, input, {
      ...requestOptions(options),
      abortSignal: signal,
      refetch,
      onEnqueue: options.onEnqueue,
      onQueueUpdate: options.onQueueUpdate,
    })
    .then((result) => result.data);
}

/** A refetch (react-query already has data for the key) submits anew instead of reusing the store's result. */
function isRefetch(context: QueryFunctionContext): boolean {
  return (context.client.getQueryState(context.queryKey)?.dataUpdatedAt ?? 0) > 0;
}

/** Query options for one fal request; `data` is the model output. */
export function falQueryOptions<Id extends EndpointType, TInput = InputType<Id>, TOutput = OutputType<Id>>(
  endpointId: Id,
  input: TInput,
  options: FalQueryCallOptions = {},
) {
  return queryOptions({
    queryKey: falQueryKey(endpointId, input, options),
    queryFn: (context) => callFal<TOutput>(endpointId, input, options, context.signal, isRefetch(context)),
    // A fal job is billed work: do not re-run it on focus or reconnect by default.
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Mutation options: `mutate(input)` submits a job (always a new one) and resolves with its output. */
export function falMutationOptions<Id extends EndpointType, TInput = InputType<Id>, TOutput = OutputType<Id>>(
  endpointId: Id,
  options: FalQueryCallOptions = {},
) {
  return mutationOptions<TOutput, Error, TInput>({
    mutationKey: ['fal', endpointId],
    mutationFn: (input) => callFal<TOutput>(endpointId, input, options, undefined, true),
  });
}

export interface FalStreamQueryOptions<TEvent, TData> {
  /** Store whose client streams (and whose key function keys the query); default: `client`'s default store. */
  store?: FalStore;
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
>(endpointId: Id, input: TInput, options: FalStreamQueryOptions<TEvent, TData> = {}) {
  const store = storeOf(options);
  const client = store.client;
  const streamFn = async ({ signal }: { signal: AbortSignal }): Promise<AsyncIterable<TEvent>> =>
    (await client.stream(endpointId, { input: input as never, signal })) as AsyncIterable<TEvent>;
  const queryFn =
    options.reducer !== undefined
      ? experimental_streamedQuery<TEvent, TData, readonly ['fal', Id, TInput, string]>({
          streamFn,
          refetchMode: options.refetchMode,
          reducer: options.reducer,
          initialValue: options.initialValue as TData,
        })
      : (experimental_streamedQuery<TEvent, TEvent[], readonly ['fal', Id, TInput, string]>({
          streamFn,
          refetchMode: options.refetchMode,
        }) as unknown as ReturnType<
          typeof experimental_streamedQuery<TEvent, TData, readonly ['fal', Id, TInput, string]>
        >);
  return queryOptions({
    queryKey: ['fal', endpointId, input, store.requestKey('stream', endpointId, input)] as const,
    queryFn,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
