/**
 * Fault matrix: every emulator fault × every core entry point (run, subscribe streaming and polling,
 * submit + events, stream, storage.upload), over real loopback sockets. Each case asserts the outcome
 * (the right result, or a clear typed error) and, from the emulator's own records, that no job was
 * submitted twice and none is left running. The React hooks through the proxy are in
 * `faultMatrix.hooks.test.tsx`.
 */
import {
  ApiError,
  type FalClient,
  FalError,
  type QueueStatus,
  TimeoutError,
  isCompleted,
} from '@falkit/core';
import type { FaultSpec } from '@falkit/emulator';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Gate,
  type Stack,
  eventually,
  gateApp,
  queueJobs,
  rejectionOf,
  startStack,
  unfinishedJobs,
} from './support/stack';
import { record } from './support/summary';

const ECHO = 'falkit/echo';
const GATE = 'test/gate';

let stack: Stack;
let client: FalClient;
let gate: Gate;
/** Retry delays the client reported (to prove `Retry-After` is honoured). */
let retryDelays: number[];

beforeAll(async () => {
  stack = await startStack();
  client = stack.client({ onRetry: (info) => retryDelays.push(info.delayMs) });
});
afterAll(() => stack.close());
beforeEach(() => {
  stack.emulator.reset();
  gate = gateApp(stack.emulator, GATE);
  retryDelays = [];
  added = [];
});

type Match = Pick<FaultSpec, 'host' | 'method' | 'path' | 'pathRegex'>;

/** What a case must end with: the right result, or an error the caller can tell apart. */
type Expected = 'recovers' | { error: string; is: (error: unknown) => boolean };

const apiError = (status: number): Expected => ({
  error: `ApiError ${status}`,
  is: (error) => error instanceof ApiError && error.status === status,
});
const timeoutError: Expected = { error: 'TimeoutError', is: (error) => error instanceof TimeoutError };
/** A failure falkit raised itself (FalError subclass), so callers can catch it by type. */
const falError: Expected = { error: 'FalError', is: (error) => error instanceof FalError };
/**
 * The platform's network failure, passed through untouched. Used where the outcome is unknowable (the
 * submit's body was sent, then the connection went): falkit must not retry, since a job may exist.
 */
const transportError: Expected = {
  error: 'TypeError: fetch failed (transport error, not retried)',
  is: (error) => error instanceof TypeError && /fetch failed/.test(error.message),
};

interface FaultCase {
  fault: string;
  specs: FaultSpec[];
  expected: Expected;
  /** The retry sleeps the client must report, when the case is about `Retry-After`. */
  retryDelays?: number[];
}

/** The HTTP-level faults, aimed at one route. Bursts hit twice in a row (the retry budget is 3). */
function httpFaults(match: Match): Record<string, FaultSpec[]> {
  return {
    '429 with Retry-After': [{ ...match, type: 'status', status: 429, retryAfter: 0.02 }],
    '429 without Retry-After': [{ ...match, type: 'status', status: 429, retryAfter: null }],
    '500 burst': [{ ...match, type: 'status', status: 500, times: 2 }],
    '502 burst': [{ ...match, type: 'status', status: 502, times: 2 }],
    '503 burst': [{ ...match, type: 'status', status: 503, times: 2 }],
    '504 burst': [{ ...match, type: 'status', status: 504, times: 2 }],
    'ingress 502 without request id': [{ ...match, type: 'ingress', status: 502, times: 2 }],
    'connection dropped before the response': [{ ...match, type: 'drop' }],
  };
}

/**
 * Builds the cases for one route. A burst only makes sense where the client retries: when the expected
 * outcome is an error (the first failure is final), the fault fires once and the case is named so.
 */
function cases(match: Match, expected: Record<string, Expected>): FaultCase[] {
  const specs = httpFaults(match);
  return Object.entries(expected).map(([fault, outcome]) => {
    const once = outcome !== 'recovers';
    return {
      fault: once ? fault.replace(/ burst$/, ' (once)') : fault,
      specs: (specs[fault] ?? []).map((spec) => (once ? { ...spec, times: 1 } : spec)),
      expected: outcome,
      ...(fault === '429 with Retry-After' && outcome === 'recovers' && { retryDelays: [20] }),
    };
  });
}

const SUBMIT: Match = { host: 'queue.fal.run', method: 'POST', path: ECHO };
const STATUS: Match = { host: 'queue.fal.run', method: 'GET', pathRegex: '/requests/[^/]+/status' };
const RESULT: Match = { host: 'queue.fal.run', method: 'GET', path: `${ECHO}/requests/*` };

/** Submit faults: only what provably never reached fal may be retried (no duplicate job). */
const submitCases = cases(SUBMIT, {
  '429 with Retry-After': 'recovers',
  '429 without Retry-After': 'recovers',
  '500 burst': apiError(500),
  '502 burst': apiError(502),
  '503 burst': apiError(503),
  '504 burst': apiError(504),
  'ingress 502 without request id': 'recovers',
  // The body went out before the connection died: fal may have queued it, so no retry.
  'connection dropped before the response': transportError,
});

/** Status reads are idempotent: everything transient recovers. */
const statusCases = cases(STATUS, {
  '429 with Retry-After': 'recovers',
  '429 without Retry-After': 'recovers',
  '500 burst': 'recovers',
  '502 burst': 'recovers',
  '503 burst': 'recovers',
  '504 burst': 'recovers',
  'ingress 502 without request id': 'recovers',
  'connection dropped before the response': 'recovers',
});

const resultCases: FaultCase[] = [
  {
    fault: 'result fetch failing once (503)',
    specs: [{ ...RESULT, type: 'status', status: 503 }],
    expected: 'recovers',
  },
  // A result GET replays the job's own response: a 500 there is the model's failure, never retried.
  {
    fault: 'result fetch failing once (500)',
    specs: [{ ...RESULT, type: 'status', status: 500 }],
    expected: apiError(500),
  },
  { fault: 'result fetch dropped once', specs: [{ ...RESULT, type: 'drop' }], expected: 'recovers' },
];

/** Status-stream faults (SSE): a reconnect (plus one status GET) must pick the job up again. */
const STREAM_ROUTE: Match = { host: 'queue.fal.run', method: 'GET', path: '**/status/stream' };
const statusStreamCases: FaultCase[] = [
  {
    fault: 'status stream dropped mid-job',
    specs: [{ ...STREAM_ROUTE, type: 'truncate', afterEvents: 1, abrupt: true }],
    expected: 'recovers',
  },
  {
    fault: 'status stream truncated (clean close) mid-job',
    specs: [{ ...STREAM_ROUTE, type: 'truncate', afterEvents: 1 }],
    expected: 'recovers',
  },
  {
    fault: 'status stream corrupted mid-job',
    specs: [{ ...STREAM_ROUTE, type: 'corrupt', afterEvents: 1 }],
    expected: 'recovers',
  },
  {
    fault: 'status stream dropped on every attempt',
    specs: [{ ...STREAM_ROUTE, type: 'truncate', afterEvents: 0, abrupt: true, times: -1 }],
    expected: 'recovers',
  },
];

/** Faults added for the current case, with how many times each must fire (Infinity: at least once). */
let added: Array<{ id: string; times: number }> = [];

async function addFaults(specs: FaultSpec[]) {
  for (const spec of specs) {
    const fault = stack.emulator.faults.add(spec);
    added.push({ id: fault.id, times: fault.remaining });
  }
}

/**
 * The emulator's books for one case (the counters come from here, not from the client): queue jobs
 * beyond one are duplicate submits; a job that completed with a result the caller never received is a
 * lost result.
 */
function serverFacts(endpointId: string, delivered: boolean) {
  const jobs = stack.emulator.jobs().filter((job) => job.endpointId === endpointId);
  const queued = jobs.filter((job) => job.mode === 'queue').length;
  const completed = jobs.filter(
    (job) => job.status === 'COMPLETED' && (job.resultStatus ?? 200) < 400,
  ).length;
  return {
    queued,
    duplicateSubmits: Math.max(0, queued - 1),
    resultsLost: Math.max(0, completed - (delivered ? 1 : 0)),
  };
}

/** Asserts the outcome and the emulator's books; records the case in the summary. */
async function verify(
  entry: string,
  stage: string,
  testCase: FaultCase,
  call: () => Promise<unknown>,
  expectedData: unknown,
  endpointId: string,
) {
  const outcome = await call().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  // Let the server settle (a cancelled or orphaned job finishes) before reading its books.
  const settled = await eventually(() => expect(unfinishedJobs(stack.emulator)).toEqual([])).then(
    () => true,
    () => false,
  );
  const delivered = outcome.ok && isDeepStrictEqual(outcome.value, expectedData);
  const facts = serverFacts(endpointId, delivered);
  record({
    suite: 'faults',
    name: `${entry} × ${stage}${testCase.fault}`,
    outcome:
      (testCase.expected === 'recovers'
        ? 'recovered with the right result'
        : `fails with ${testCase.expected.error}`) +
      (facts.resultsLost > 0
        ? ` (the job completed on the server; its result never reached the caller)`
        : ''),
    faultsSurvived: 1,
    duplicateSubmits: facts.duplicateSubmits,
    resultsLost: facts.resultsLost,
  });
  if (testCase.expected === 'recovers') {
    if (!outcome.ok) throw outcome.error;
    expect(outcome.value).toEqual(expectedData);
  } else {
    expect(outcome.ok, `expected ${testCase.expected.error}`).toBe(false);
    const error = outcome.ok ? undefined : outcome.error;
    expect(testCase.expected.is(error), `expected ${testCase.expected.error}, got ${String(error)}`).toBe(
      true,
    );
  }
  if (testCase.retryDelays) expect(retryDelays).toEqual(testCase.retryDelays);
  // Every fault fired as often as configured (a spent fault leaves the list): the case tested what it says.
  const left = new Map(stack.emulator.faults.list().map((fault) => [fault.id, fault]));
  expect(added.length).toBeGreaterThan(0);
  for (const { id, times } of added) {
    const fault = left.get(id);
    if (Number.isFinite(times)) {
      expect(fault?.hits ?? times, `fault ${id} fired ${fault?.hits} of ${times} times`).toBe(times);
    } else expect(fault?.hits, `fault ${id} was never hit`).toBeGreaterThan(0);
  }
  expect(facts.queued).toBeLessThanOrEqual(1);
  expect(settled, 'a job was left queued or running').toBe(true);
}

const nonce = () => Math.random().toString(36).slice(2);

describe.each(['streaming', 'polling'] as const)('subscribe (%s)', (mode) => {
  const entry = `subscribe (${mode})`;
  const subscribe = (input: Record<string, unknown>) =>
    client.subscribe(ECHO, { input, logs: true, mode }).then((result) => result.data);

  it.each(submitCases)('submit: $fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, 'submit: ', testCase, () => subscribe(input), input, ECHO);
  });

  it.each(statusCases)('status: $fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, 'status: ', testCase, () => subscribe(input), input, ECHO);
  });

  it.each(resultCases)('$fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, '', testCase, () => subscribe(input), input, ECHO);
  });

  if (mode === 'streaming') {
    it.each(statusStreamCases)('$fault', async (testCase) => {
      const input = { case: testCase.fault, nonce: nonce() };
      await addFaults(testCase.specs);
      const call = () =>
        client
          .subscribe(GATE, {
            input,
            logs: true,
            // Open the gate once the job is seen running: the fault trips on the next event.
            onQueueUpdate: (update) => update.status === 'IN_PROGRESS' && gate.open(),
          })
          .then((result) => result.data);
      await verify(entry, '', testCase, call, input, GATE);
    });
  }

  it('connection dropped after the submit response: not retried, so no second job', async () => {
    const input = { case: 'drop after', nonce: nonce() };
    const testCase: FaultCase = {
      fault: 'connection dropped after the submit response',
      specs: [{ ...SUBMIT, type: 'drop', after: true }],
      expected: transportError,
    };
    await addFaults(testCase.specs);
    await verify(entry, 'submit: ', testCase, () => subscribe(input), input, ECHO);
    // The job the lost response created is the only one: the submit was not retried.
    expect(queueJobs(stack.emulator, ECHO)).toHaveLength(1);
  });

  it('slow status past the client timeout: TimeoutError and the job is cancelled', async () => {
    const input = { case: 'timeout', nonce: nonce() };
    const testCase: FaultCase = {
      fault: 'slow responses past the client timeout',
      specs: [{ ...STATUS, type: 'delay', ms: 5_000, times: -1 }],
      expected: timeoutError,
    };
    await addFaults(testCase.specs);
    const call = () => client.subscribe(GATE, { input, mode, timeout: 1_001 });
    await verify(entry, 'status: ', testCase, call, input, GATE);
    expect(queueJobs(stack.emulator, GATE).map((job) => job.status)).toEqual(['CANCELLED']);
  });

  it('abort mid-job: AbortError and the job is cancelled on the server', async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      client.subscribe(GATE, {
        input: { abort: true },
        mode,
        abortSignal: controller.signal,
        onQueueUpdate: (update) => update.status === 'IN_PROGRESS' && controller.abort(),
      }),
    );
    expect((error as Error).name).toBe('AbortError');
    await eventually(() =>
      expect(queueJobs(stack.emulator, GATE).map((job) => job.status)).toEqual(['CANCELLED']),
    );
    expect(unfinishedJobs(stack.emulator)).toEqual([]);
    record({
      suite: 'faults',
      name: `${entry} × abort mid-job`,
      outcome: 'AbortError, server job cancelled',
      faultsSurvived: 1,
    });
  });
});

describe('submit + events', () => {
  const entry = 'submit + events';

  /** Submit, follow every status event to completion, then read the result through the handle. */
  async function submitAndFollow(
    endpointId: string,
    input: Record<string, unknown>,
    onUpdate?: (update: QueueStatus) => void,
  ) {
    const handle = await client.submit(endpointId, { input });
    const statuses: QueueStatus[] = [];
    for await (const update of handle.events({ logs: true })) {
      statuses.push(update);
      onUpdate?.(update);
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(isCompleted(statuses.at(-1)!)).toBe(true);
    return (await handle.result()).data;
  }

  it.each(submitCases)('submit: $fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, 'submit: ', testCase, () => submitAndFollow(ECHO, input), input, ECHO);
  });

  it.each(statusCases)('events: $fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, 'events: ', testCase, () => submitAndFollow(ECHO, input), input, ECHO);
  });

  it.each(statusStreamCases)('events: $fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    const call = () =>
      submitAndFollow(GATE, input, (update) => update.status === 'IN_PROGRESS' && gate.open());
    await verify(entry, 'events: ', testCase, call, input, GATE);
  });

  it.each(resultCases)('$fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, '', testCase, () => submitAndFollow(ECHO, input), input, ECHO);
  });

  it('cancel through the handle leaves nothing running', async () => {
    const handle = await client.submit(GATE, { input: { cancel: true } });
    for await (const update of handle.events()) {
      if (update.status === 'IN_PROGRESS') break;
    }
    await handle.cancel();
    await eventually(() =>
      expect(queueJobs(stack.emulator, GATE).map((job) => job.status)).toEqual(['CANCELLED']),
    );
    expect(await rejectionOf(handle.result())).toBeInstanceOf(ApiError);
    record({
      suite: 'faults',
      name: `${entry} × cancel mid-job`,
      outcome: 'job cancelled; result() rejects with ApiError',
      faultsSurvived: 1,
    });
  });
});

describe('run', () => {
  const entry = 'run';
  const RUN: Match = { host: 'fal.run', method: 'POST', path: ECHO };
  const run = (input: Record<string, unknown>) => client.run(ECHO, { input }).then((result) => result.data);
  const runCases = cases(RUN, {
    '429 with Retry-After': 'recovers',
    '429 without Retry-After': 'recovers',
    '500 burst': apiError(500),
    '502 burst': 'recovers',
    '503 burst': 'recovers',
    '504 burst': 'recovers',
    'ingress 502 without request id': 'recovers',
    'connection dropped before the response': 'recovers',
  });

  it.each(runCases)('$fault', async (testCase) => {
    const input = { case: testCase.fault, nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, '', testCase, () => run(input), input, ECHO);
  });

  it('slow response past the client timeout: TimeoutError', async () => {
    const input = { case: 'timeout', nonce: nonce() };
    const testCase: FaultCase = {
      fault: 'slow responses past the client timeout',
      specs: [{ ...RUN, type: 'delay', ms: 5_000 }],
      expected: timeoutError,
    };
    await addFaults(testCase.specs);
    await verify(entry, '', testCase, () => client.run(ECHO, { input, timeout: 1_001 }), input, ECHO);
  });
});

describe('stream', () => {
  const entry = 'stream';
  const SLOW = 'test/slow-echo';
  const STREAM: Match = { host: 'fal.run', method: 'POST', path: `${SLOW}/stream` };

  beforeEach(() => {
    // Echo with its events spaced in real time, so the ones before a fault reach the socket first.
    stack.emulator.app(SLOW, async function* slowEcho(ctx) {
      for (let index = 0; index < 5; index++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        yield { index, total: 5 };
      }
      return ctx.input;
    });
  });

  async function streamAll(input: Record<string, unknown>, options: { timeout?: number } = {}) {
    const stream = await client.stream(SLOW, { input, ...options });
    const events: unknown[] = [];
    for await (const event of stream) events.push(event);
    const last = await stream.done();
    expect(events).toHaveLength(6);
    expect(events.at(-1)).toEqual(last);
    return last;
  }

  /** The platform's error for a connection reset mid-body (undici: `TypeError: terminated`). */
  const droppedMidBody: Expected = {
    error: 'TypeError: terminated (connection reset, thrown in the loop)',
    is: (error) => error instanceof TypeError && /terminated/.test(error.message),
  };

  const streamCases: FaultCase[] = [
    ...cases(STREAM, {
      // An answer means the run may have happened: falkit never replays a direct run.
      '429 with Retry-After': apiError(429),
      '503 burst': apiError(503),
      'ingress 502 without request id': apiError(502),
      'connection dropped before the response': 'recovers',
    }),
    {
      fault: 'SSE truncated abruptly mid-stream',
      specs: [{ ...STREAM, type: 'truncate', afterEvents: 2, abrupt: true }],
      expected: droppedMidBody,
    },
    {
      fault: 'SSE corrupted mid-stream',
      specs: [{ ...STREAM, type: 'corrupt', afterEvents: 2 }],
      expected: falError,
    },
  ];

  it.each(streamCases)('$fault', async (testCase) => {
    const input = { nonce: nonce() };
    await addFaults(testCase.specs);
    await verify(entry, '', testCase, () => streamAll(input), input, SLOW);
  });

  it.each([
    ['truncated abruptly', { type: 'truncate', afterEvents: 2, abrupt: true }, droppedMidBody],
    ['corrupted', { type: 'corrupt', afterEvents: 2 }, falError],
  ] as const)(
    'SSE %s: the events before it are delivered, then the error is thrown in the loop',
    async (_name, fault, expected) => {
      stack.emulator.faults.add({ ...STREAM, ...fault });
      const stream = await client.stream(SLOW, { input: {} });
      const events: unknown[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const event of stream) events.push(event);
        })(),
      );
      expect(events).toEqual([
        { index: 0, total: 5 },
        { index: 1, total: 5 },
      ]);
      expect(expected.is(error), String(error)).toBe(true);
      expect(await rejectionOf(stream.done())).toBe(error);
    },
  );

  it('slow response past the idle timeout: TimeoutError', async () => {
    const testCase: FaultCase = {
      fault: 'slow responses past the idle timeout',
      specs: [{ ...STREAM, type: 'delay', ms: 5_000 }],
      expected: timeoutError,
    };
    await addFaults(testCase.specs);
    await verify(entry, '', testCase, () => streamAll({}, { timeout: 100 }), {}, SLOW);
  });
});

describe('storage.upload', () => {
  const entry = 'storage.upload';
  const INITIATE: Match = { host: 'rest.fal.ai', method: 'POST', path: 'storage/upload/initiate*' };
  const PUT: Match = { host: 'v3.fal.media', method: 'PUT' };
  const bytes = Uint8Array.from({ length: 3 * 64 * 1024 + 123 }, (_, i) => (i * 31) % 251);

  async function uploadAndRead(multipart: boolean) {
    const url = await client.storage.upload(
      new Blob([bytes], { type: 'application/octet-stream' }),
      multipart ? { multipartThreshold: 64 * 1024, partSize: 64 * 1024, concurrency: 2 } : {},
    );
    const stored = stack.emulator.storage.get(url);
    expect(stored).toBeDefined();
    return new Uint8Array(stored!.bytes).length === bytes.length &&
      new Uint8Array(stored!.bytes).every((byte, i) => byte === bytes[i])
      ? 'same bytes'
      : 'different bytes';
  }

  const uploadCases: Array<FaultCase & { multipart: boolean }> = [
    ...cases(INITIATE, {
      '429 with Retry-After': 'recovers',
      '503 burst': 'recovers',
      'connection dropped before the response': 'recovers',
    }).map((c) => ({ ...c, fault: `initiate: ${c.fault}`, multipart: false })),
    {
      fault: 'upload PUT failing once (500)',
      specs: [{ ...PUT, type: 'status', status: 500 }],
      expected: 'recovers',
      multipart: false,
    },
    {
      fault: 'upload PUT dropped once',
      specs: [{ ...PUT, type: 'drop' }],
      expected: 'recovers',
      multipart: false,
    },
    {
      fault: 'upload part failing once (500)',
      specs: [{ ...PUT, type: 'status', status: 500 }],
      expected: 'recovers',
      multipart: true,
    },
    {
      fault: 'upload part failing once (503)',
      specs: [{ ...PUT, type: 'status', status: 503 }],
      expected: 'recovers',
      multipart: true,
    },
    {
      fault: 'upload part dropped once',
      specs: [{ ...PUT, type: 'drop' }],
      expected: 'recovers',
      multipart: true,
    },
    {
      fault: 'upload part failing for good (403)',
      specs: [{ ...PUT, type: 'status', status: 403, times: -1 }],
      expected: apiError(403),
      multipart: true,
    },
  ];

  it.each(uploadCases)('$fault (multipart: $multipart)', async (testCase) => {
    await addFaults(testCase.specs);
    await verify(entry, '', testCase, () => uploadAndRead(testCase.multipart), 'same bytes', '-');
  });
});
