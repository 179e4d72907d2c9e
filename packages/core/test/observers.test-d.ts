import { type FalClient, NetworkError } from '@falkit/core';
import {
  type ObservedClient,
  type ObserverStatus,
  type RequestStatus,
  RunObserver,
  type StatusFlags,
  StreamObserver,
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
    expectTypeOf(statusFlags).returns.toEqualTypeOf<StatusFlags>();
    expectTypeOf(new NetworkError({ cause: 1, method: 'GET', url: 'u' })).toMatchTypeOf<TypeError>();
  });
});
