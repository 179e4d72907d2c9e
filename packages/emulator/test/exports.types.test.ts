import {
  type AppError,
  type Emulator,
  type EmulatorFaults,
  type Fault,
  type FaultSpec,
  type RequestLogEntry,
  type UrlForm,
  inputError,
  missingField,
} from '@falkit/emulator';
import { type EmulatorHandlerOptions, FAL_HOSTS, createEmulatorHandlers } from '@falkit/emulator/msw';
import { type NodeServer, type NodeServerOptions, startNodeServer } from '@falkit/emulator/node';
import type { HttpHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types of every entry', () => {
  it('faults: a spec is a match plus exactly one action', () => {
    expectTypeOf<EmulatorFaults['add']>().toEqualTypeOf<(spec: FaultSpec) => Fault>();
    expectTypeOf<Fault>().toMatchTypeOf<{ id: string; remaining: number; hits: number }>();
    expectTypeOf({
      type: 'status',
      status: 429,
      retryAfter: 2,
      host: 'queue.fal.run',
    } as const).toMatchTypeOf<FaultSpec>();
    expectTypeOf({ type: 'truncate', afterEvents: 3, path: /\/stream$/ } as const).toMatchTypeOf<FaultSpec>();
    // A truncate fault needs afterEvents; an unknown type is no fault at all.
    expectTypeOf({ type: 'truncate' } as const).not.toMatchTypeOf<FaultSpec>();
    expectTypeOf({ type: 'explode' } as const).not.toMatchTypeOf<FaultSpec>();
  });

  it('apps: errors carry an HTTP status and a body', () => {
    expectTypeOf(inputError).returns.toEqualTypeOf<AppError>();
    expectTypeOf(missingField).parameters.toEqualTypeOf<[field: string]>();
    expectTypeOf<AppError['status']>().toEqualTypeOf<number>();
    expectTypeOf<RequestLogEntry['status']>().toEqualTypeOf<number>();
  });

  it('msw: handlers from an emulator and options', () => {
    expectTypeOf(createEmulatorHandlers).parameters.toEqualTypeOf<
      [emulator: Emulator, options?: EmulatorHandlerOptions]
    >();
    expectTypeOf(createEmulatorHandlers).returns.toEqualTypeOf<HttpHandler[]>();
    expectTypeOf<EmulatorHandlerOptions>().toEqualTypeOf<{
      origin?: string;
      realHosts?: boolean;
      hosts?: readonly string[];
      urls?: UrlForm;
    }>();
    expectTypeOf(FAL_HOSTS).toMatchTypeOf<readonly string[]>();
  });

  it('node: serves any web handler', () => {
    expectTypeOf(startNodeServer).parameter(0).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(startNodeServer).returns.resolves.toEqualTypeOf<NodeServer>();
    expectTypeOf<NodeServer>().toEqualTypeOf<{ url: string; port: number; close(): Promise<void> }>();
    expectTypeOf<NodeServerOptions['port']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Emulator['fetch']>().toMatchTypeOf<(request: Request) => Promise<Response>>();
  });
});
