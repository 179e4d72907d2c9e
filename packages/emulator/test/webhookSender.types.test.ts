import type { RouteInfo, WebhookBody, WebhookDelivery, WebhookJwks, WebhookSender } from '@falkit/emulator';
import { describe, expectTypeOf, it } from 'vitest';
import { createWebhookSender } from '../src/webhooks/webhookSender';

describe('webhook sender: public types', () => {
  it('matches the contract the emulator codes against', () => {
    expectTypeOf(createWebhookSender).returns.toEqualTypeOf<WebhookSender>();
    expectTypeOf<WebhookSender['handle']>().toEqualTypeOf<
      (request: Request, route: RouteInfo) => Promise<Response | undefined>
    >();
    expectTypeOf<WebhookSender['deliver']>().toEqualTypeOf<
      (url: string, body: WebhookBody) => Promise<void>
    >();
    expectTypeOf<WebhookBody>().toEqualTypeOf<{
      request_id: string;
      gateway_request_id: string;
      status: 'OK' | 'ERROR';
      payload: unknown;
      error?: string;
      payload_error?: string;
    }>();
    expectTypeOf<WebhookDelivery>().toMatchTypeOf<{
      url: string;
      status?: number;
      attempts: number;
      ok: boolean;
    }>();
    expectTypeOf<WebhookJwks['keys'][number]>().toEqualTypeOf<{
      kty: 'OKP';
      crv: 'Ed25519';
      x: string;
      kid: string;
      use: 'sig';
      alg: 'EdDSA';
    }>();
  });
});
