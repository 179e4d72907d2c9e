import { type FalClient, NetworkError } from '@falkit/core';
import {
  type ObservedClient,
  type ObserverStatus,
  type RequestStatus,
  RunObserver,
  type StatusFlags,
  type StatusFlagsOf,
  StreamObserver,
  isPendingStatus,
  isTerminalStatus,
  FalStore,
  type FalRequest,
  type FalStoreEvent,
  type RunSnapshot,
  type StreamStatus,
  SubscribeObserver,
  type SubscribeSnapshot,
  UploadObserver,
  type UploadSnapshot,
  type UploadStatus,
  statusFlags,
} from '@falkit/core/observers';
import { describe, expectTypeOf, test } from 'vitest';

declare const client: FalClient;

describe('observer types', () => {
  test('a FalClient is an ObservedClient', () => {
    expectTypeOf<FalClient>().toMatchTypeOf<ObservedClient>();
  });

  test('SubscribeObserver / RunObserver snapshots carry the output type and one status', () => {
    const subscribe = new SubscribeObserver<{ prompt: string }, { images: string[] }>(client, {
      endpointId: 'fal-ai/flux/dev',
    });
    const snapshot = subscribe.getSnapshot();
    expectTypeOf(snapshot).toEqualTypeOf<SubscribeSnapshot<{ prompt: string }, { images: string[] }>>();
    expectTypeOf(snapshot.data).toEqualTypeOf<{ images: string[] } | undefined>();
    expectTypeOf(snapshot.status).toEqualTypeOf<RequestStatus>();
    expectTypeOf(snapshot.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(snapshot.queuePosition).toEqualTypeOf<number | undefined>();
    expectTypeOf(snapshot.submit).parameter(0).toEqualTypeOf<{ prompt: string }>();
    expectTypeOf(snapshot.cancel).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(snapshot).toMatchTypeOf<StatusFlags>();
    const run = new RunObserver<{ a: number }, { b: number }>(client, { endpointId: 'x/y' });
    expectTypeOf(run.getSnapshot().data).toEqualTypeOf<{ b: number } | undefined>();
    expectTypeOf(run.subscribe).returns.toEqualTypeOf<() => void>();
  });

  test('StreamObserver and UploadObserver', () => {
    const stream = new StreamObserver<{ prompt: string }, { text: string }>(client, { endpointId: 'x/y' });
    const streamed = stream.getSnapshot();
    expectTypeOf(streamed.status).toEqualTypeOf<StreamStatus>();
    expectTypeOf(streamed.data).toEqualTypeOf<{ text: string } | undefined>();
    expectTypeOf(streamed.events).toEqualTypeOf<readonly { text: string }[]>();
    expectTypeOf(streamed.start).toEqualTypeOf<
      (input: { prompt: string }) => Promise<{ text: string } | undefined>
    >();
    const upload = new UploadObserver(client, { accept: 'image/*', maxSize: 1024 });
    const uploaded = upload.getSnapshot();
    expectTypeOf(uploaded).toEqualTypeOf<UploadSnapshot>();
    expectTypeOf(uploaded.status).toEqualTypeOf<UploadStatus>();
    expectTypeOf(uploaded.upload).returns.toEqualTypeOf<Promise<string[]>>();
  });

  test('status helpers', () => {
    expectTypeOf<RequestStatus>().toMatchTypeOf<ObserverStatus>();
    expectTypeOf<StreamStatus>().toMatchTypeOf<ObserverStatus>();
    expectTypeOf<UploadStatus>().toMatchTypeOf<ObserverStatus>();
    expectTypeOf(statusFlags('success')).toEqualTypeOf<StatusFlagsOf<'success'>>();
    expectTypeOf(statusFlags('success').isSuccess).toEqualTypeOf<true>();
    expectTypeOf(statusFlags('error').isSuccess).toEqualTypeOf<false>();
    expectTypeOf<StatusFlagsOf>().toMatchTypeOf<StatusFlags>();
    expectTypeOf(isPendingStatus).parameter(0).toEqualTypeOf<ObserverStatus | undefined>();
    expectTypeOf(isTerminalStatus).parameter(0).toEqualTypeOf<ObserverStatus | undefined>();
    expectTypeOf(new NetworkError({ cause: 1, method: 'GET', url: 'u' })).toMatchTypeOf<TypeError>();
  });

  test('request snapshots narrow on status and on every flag', () => {
    type Output = { images: { url: string }[] };
    const job = new SubscribeObserver<{ prompt: string }, Output>(client, {
      endpointId: 'x/y',
    }).getSnapshot();
    if (job.isSuccess) {
      expectTypeOf(job.data).toEqualTypeOf<Output>();
      expectTypeOf(job.data.images).toEqualTypeOf<{ url: string }[]>();
      expectTypeOf(job.error).toEqualTypeOf<undefined>();
      expectTypeOf(job.status).toEqualTypeOf<'success'>();
    }
    if (job.isError) {
      expectTypeOf(job.error).toEqualTypeOf<Error>();
      expectTypeOf(job.error.message).toEqualTypeOf<string>();
      expectTypeOf(job.data).toEqualTypeOf<undefined>();
    }
    if (job.isInQueue) expectTypeOf(job.queuePosition).toEqualTypeOf<number>();
    if (job.status === 'in_queue') expectTypeOf(job.isInQueue).toEqualTypeOf<true>();
    if (job.isPending) expectTypeOf(job.status).toEqualTypeOf<'submitting' | 'in_queue' | 'in_progress'>();
    if (job.isSettled) expectTypeOf(job.status).toEqualTypeOf<'success' | 'error' | 'cancelled'>();
    if (!job.isSuccess) expectTypeOf(job.data).toEqualTypeOf<undefined>();
    const run: RunSnapshot<{ a: number }, { b: number }> = new RunObserver<{ a: number }, { b: number }>(
      client,
      {
        endpointId: 'x/y',
      },
    ).getSnapshot();
    if (run.isSuccess) expectTypeOf(run.data.b).toEqualTypeOf<number>();
  });

  test('FalStore', () => {
    const store = new FalStore({ config: { credentials: 'k' }, gcTime: 60_000 });
    expectTypeOf(store.client).toEqualTypeOf<FalClient>();
    expectTypeOf(FalStore.for(client)).toEqualTypeOf<FalStore<FalClient>>();
    expectTypeOf(store.getRequest('k')).toEqualTypeOf<FalRequest<unknown> | undefined>();
    expectTypeOf(store.prefetch).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(store.fetch<{ b: number }>('x/y', {})).toEqualTypeOf<
      Promise<{ data: { b: number }; requestId: string }>
    >();
    expectTypeOf(store.subscribe).parameter(0).toEqualTypeOf<(event: FalStoreEvent) => void>();
    new SubscribeObserver(store, { endpointId: 'x/y', input: {}, gcTime: 0 });
    new RunObserver(store, { endpointId: 'x/y', input: {}, gcTime: Number.POSITIVE_INFINITY });
    const request = store.getRequest<{ b: number }>('k');
    if (request) {
      expectTypeOf(request.observerCount).toEqualTypeOf<number>();
      expectTypeOf(request.gcExpiresAt).toEqualTypeOf<number | undefined>();
      expectTypeOf(request.state.attempts).toEqualTypeOf<number>();
      expectTypeOf(request.state.lastRetryReason).toEqualTypeOf<string | undefined>();
      expectTypeOf(request.state.startedAt).toEqualTypeOf<number | undefined>();
      if (request.state.status === 'success') expectTypeOf(request.state.data.b).toEqualTypeOf<number>();
    }
  });
});
