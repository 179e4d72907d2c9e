import { createFalClient } from '@falkit/core';
import { type WebSocketConstructor, createRealtimeClient } from '@falkit/core/realtime';
import { describe, expectTypeOf, test } from 'vitest';
import { WebSocket } from 'ws';

describe('realtime WebSocket option', () => {
  test("accepts the 'ws' package's WebSocket and the DOM's without a cast (the README's Node 20 example)", () => {
    expectTypeOf(WebSocket).toMatchTypeOf<WebSocketConstructor>();
    expectTypeOf(globalThis.WebSocket).toMatchTypeOf<WebSocketConstructor>();
    const fal = createFalClient({});
    const connect = () =>
      fal.realtime.connect('fal-ai/fast-lcm-diffusion', { onResult: () => {}, WebSocket });
    expectTypeOf(connect).toBeFunction();
    expectTypeOf(createRealtimeClient).toBeCallableWith(fal, { WebSocket });
  });
});
