// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { createFalClient } from '@falkit/core';
import type { WebSocketConstructor } from '@falkit/core/realtime';
import { createEmulator } from '@falkit/emulator';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { WebSocket } from 'ws';
import { type UseFalRealtimeResult, useFalRealtime } from '../../src';
import { renderWithClient } from './hookTestUtils';

/**
 * `ws` under jsdom: its Node-realm ArrayBuffers fail `instanceof ArrayBuffer` against jsdom's globals
 * (and jsdom's own WebSocket mixes Event realms), so frames come as Node Buffers, which the default
 * decoder takes as typed arrays. Real browsers and Node are single-realm; this is test plumbing only.
 */
const WS = function JsdomSafeWebSocket(url: string) {
  const socket = new WebSocket(url);
  // Ignore the client's 'arraybuffer': `ws`'s default, 'nodebuffer', stays.
  Object.defineProperty(socket, 'binaryType', { get: () => 'nodebuffer', set: () => {} });
  return socket;
} as unknown as WebSocketConstructor;

const emulator = createEmulator({ speed: 0, key: 'test-key', realtimeTimeoutMs: 60_000 });
let client: ReturnType<typeof createFalClient>;
let emulatorUrl: string;

beforeAll(async () => {
  const server = await emulator.listen({ port: 0 });
  emulatorUrl = server.url;
  client = createFalClient({ baseUrl: server.url, credentials: 'test-key' });
});
afterEach(async () => {
  cleanup();
  emulator.faults.clear();
  await waitFor(() => expect(emulator.openConnections()).toBe(0));
  emulator.clearRequests();
});
afterAll(() => emulator.close());

function handshakes(path = '/falkit/echo/realtime'): number {
  return emulator.requests().filter((entry) => entry.path === path && entry.status === 101).length;
}

interface Echo {
  text: string;
}

describe('useFalRealtime', () => {
  it('StrictMode: sending on mount opens exactly one socket; unmount closes it', async () => {
    const statuses: string[] = [];
    function Live() {
      const realtime = useFalRealtime<'falkit/echo', Echo, Echo>('falkit/echo', {
        WebSocket: WS,
        throttle: 0,
      });
      statuses.push(realtime.status);
      const { send } = realtime;
      useEffect(() => send({ text: 'mounted' }), [send]);
      return (
        <div>
          <span data-testid="status">{realtime.status}</span>
          <span data-testid="data">{realtime.data?.text ?? ''}</span>
          <span data-testid="count">{realtime.resultCount}</span>
        </div>
      );
    }
    const view = renderWithClient(<Live />, client, { strict: true });
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('mounted'));
    expect(screen.getByTestId('status')).toHaveTextContent('open');
    expect(statuses[0]).toBe('idle');
    expect(statuses).toContain('connecting');
    expect(handshakes()).toBe(1);
    expect(emulator.openConnections()).toBe(1);
    view.unmount();
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
    expect(handshakes()).toBe(1);
  });

  it('send from an event shows the latest result; close() closes and keeps data; send reconnects', async () => {
    const results: string[] = [];
    function Prompt() {
      const realtime = useFalRealtime<'falkit/echo', Echo, Echo>('falkit/echo', {
        WebSocket: WS,
        throttle: 0,
        throttleInterval: 0,
        onResult: (result) => results.push(result.text),
      });
      return (
        <div>
          <button type="button" onClick={() => realtime.send({ text: 'a cat' })}>
            cat
          </button>
          <button type="button" onClick={() => realtime.send({ text: 'a dog' })}>
            dog
          </button>
          <button type="button" onClick={realtime.close}>
            close
          </button>
          <span data-testid="status">{realtime.status}</span>
          <span data-testid="data">{realtime.data?.text ?? ''}</span>
        </div>
      );
    }
    renderWithClient(<Prompt />, client);
    expect(screen.getByTestId('status')).toHaveTextContent('idle');
    expect(emulator.requests()).toHaveLength(0);
    act(() => screen.getByText('cat').click());
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('a cat'));
    act(() => screen.getByText('dog').click());
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('a dog'));
    expect(results).toEqual(['a cat', 'a dog']);
    act(() => screen.getByText('close').click());
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('closed'));
    expect(screen.getByTestId('data')).toHaveTextContent('a dog');
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
    act(() => screen.getByText('cat').click());
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('a cat'));
    expect(handshakes()).toBe(2);
  });

  it('server errors show as status error with the message; the latest onError is called', async () => {
    const calls: string[] = [];
    function Failing({ label }: { label: string }) {
      const realtime = useFalRealtime<'falkit/echo', object, object>('falkit/echo', {
        WebSocket: WS,
        throttle: 0,
        onError: () => calls.push(label),
      });
      return (
        <div>
          <button type="button" onClick={() => realtime.send({ fail: { status: 500 } })}>
            fail
          </button>
          <span data-testid="status">{realtime.status}</span>
          <span data-testid="error">{realtime.error?.message ?? ''}</span>
        </div>
      );
    }
    const view = renderWithClient(<Failing label="first" />, client);
    view.rerender(<Failing label="second" />);
    act(() => screen.getByText('fail').click());
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('error'));
    expect(screen.getByTestId('error')).toHaveTextContent(/INTERNAL_ERROR/);
    expect(calls).toEqual(['second']);
  });

  it('a new client closes the old socket; the next send connects through the new client', async () => {
    const other = createFalClient({ baseUrl: emulatorUrl, credentials: 'test-key' });
    function Live({ use }: { use: typeof client }) {
      const realtime = useFalRealtime<'falkit/echo', Echo, Echo>('falkit/echo', {
        client: use,
        WebSocket: WS,
        throttle: 0,
      });
      return (
        <div>
          <button type="button" onClick={() => realtime.send({ text: 'hello' })}>
            send
          </button>
          <span data-testid="data">{realtime.data?.text ?? ''}</span>
        </div>
      );
    }
    const view = renderWithClient(<Live use={client} />, client);
    act(() => screen.getByText('send').click());
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('hello'));
    view.rerender(<Live use={other} />);
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
    expect(screen.getByTestId('data')).toHaveTextContent('');
    act(() => screen.getByText('send').click());
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('hello'));
    expect(handshakes()).toBe(2);
  });

  it('types follow the endpoint or the given parameters', () => {
    expectTypeOf<UseFalRealtimeResult<{ prompt: string }, { images: { url: string }[] }>['send']>()
      .parameter(0)
      .toEqualTypeOf<{ prompt: string }>();
    expectTypeOf<
      UseFalRealtimeResult<{ prompt: string }, { images: { url: string }[] }>['data']
    >().toEqualTypeOf<{ images: { url: string }[] } | undefined>();
    expectTypeOf<UseFalRealtimeResult<unknown, unknown>['status']>().toEqualTypeOf<
      'idle' | 'connecting' | 'open' | 'error' | 'closed'
    >();
  });
});
