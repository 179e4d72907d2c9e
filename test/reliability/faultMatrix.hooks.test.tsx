// @vitest-environment jsdom
/**
 * Fault matrix, React row: `@falkit/react` hooks in jsdom, through `@falkit/proxy` (Node adapter) to the
 * emulator over loopback. Each case asserts what the component shows (success with the right data, or
 * an error state with a typed error) and, from the emulator's books, one job per intent and nothing left
 * running after unmount.
 */
import { ApiError, FalError, type FalClient } from '@falkit/core';
import type { FaultSpec } from '@falkit/emulator';
import { FalProvider, useFalRun, useFalStream, useFalSubscribe, useUpload } from '@falkit/react';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode, useEffect } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Gate,
  type ProxyStack,
  eventually,
  gateApp,
  queueJobs,
  startProxyStack,
  unfinishedJobs,
} from './support/stack';
import { record } from './support/summary';

const ECHO = 'falkit/echo';
const GATE = 'test/gate';

let stack: ProxyStack;
let client: FalClient;
let gate: Gate;

beforeAll(async () => {
  stack = await startProxyStack();
  client = stack.proxiedClient();
});
afterAll(() => stack.close());
beforeEach(() => {
  stack.emulator.reset();
  gate = gateApp(stack.emulator, GATE);
});
afterEach(() => cleanup());

function renderWithClient(ui: ReactNode, strict = false) {
  const tree = <FalProvider client={client}>{ui}</FalProvider>;
  return render(strict ? <StrictMode>{tree}</StrictMode> : tree);
}

interface Shown {
  status: string;
  data?: unknown;
  error?: Error;
}

/** Renders what a hook snapshot holds, so the test reads it from the DOM like a user would. */
function Show({ snapshot, testId = 'out' }: { snapshot: Shown; testId?: string }) {
  return (
    <output data-testid={testId} data-status={snapshot.status}>
      {JSON.stringify({ data: snapshot.data ?? null, error: snapshot.error?.name ?? null })}
    </output>
  );
}

const shown = (testId = 'out') => screen.getByTestId(testId);
const finalStatus = async (expected: string, testId = 'out') =>
  waitFor(() => expect(shown(testId).dataset.status).toBe(expected), { timeout: 10_000 });

function faults(specs: FaultSpec[]) {
  for (const spec of specs) stack.emulator.faults.add(spec);
}

const SUBMIT = { host: 'queue.fal.run', method: 'POST', path: ECHO } as const;
const STATUS = { host: 'queue.fal.run', method: 'GET', pathRegex: '/requests/[^/]+/status' } as const;

const subscribeCases: Array<{ fault: string; specs: FaultSpec[]; ok: boolean }> = [
  {
    fault: 'submit: 429 with Retry-After',
    specs: [{ ...SUBMIT, type: 'status', status: 429, retryAfter: 0.02 }],
    ok: true,
  },
  {
    fault: 'submit: ingress 502 without request id',
    specs: [{ ...SUBMIT, type: 'ingress', status: 502 }],
    ok: true,
  },
  { fault: 'submit: 503 with request id', specs: [{ ...SUBMIT, type: 'status', status: 503 }], ok: false },
  {
    fault: 'status: 429 storm',
    specs: [{ ...STATUS, type: 'status', status: 429, retryAfter: 0.01, times: 3 }],
    ok: true,
  },
  {
    fault: 'status: 500/502/503/504 burst',
    specs: [500, 502, 503, 504].map((status) => ({ ...STATUS, type: 'status' as const, status })),
    ok: true,
  },
  { fault: 'status: connection dropped', specs: [{ ...STATUS, type: 'drop' }], ok: true },
  {
    fault: 'result fetch failing once (503)',
    specs: [
      { host: 'queue.fal.run', method: 'GET', path: `${ECHO}/requests/*`, type: 'status', status: 503 },
    ],
    ok: true,
  },
];

describe('useFalSubscribe through the proxy', () => {
  it.each(subscribeCases)('$fault', async ({ fault, specs, ok }) => {
    faults(specs);
    const input = { fault };
    function Job() {
      return <Show snapshot={useFalSubscribe(ECHO, input, { logs: true })} />;
    }
    renderWithClient(<Job />);
    await finalStatus(ok ? 'success' : 'error');
    const jobs = queueJobs(stack.emulator, ECHO).length;
    if (ok) {
      expect(JSON.parse(shown().textContent!).data).toEqual(input);
      expect(jobs).toBe(1);
    } else {
      expect(JSON.parse(shown().textContent!).error).toBe('ApiError');
      expect(jobs).toBe(0);
    }
    expect(stack.emulator.faults.list()).toEqual([]);
    record({
      suite: 'faults',
      name: `React useFalSubscribe (proxy) × ${fault}`,
      outcome: ok ? 'success with the right data' : 'error state with ApiError, no job',
      faultsSurvived: 1,
      duplicateSubmits: Math.max(0, jobs - 1),
    });
  });

  it.each([
    ['dropped', { type: 'truncate', afterEvents: 1, abrupt: true }],
    ['corrupted', { type: 'corrupt', afterEvents: 1 }],
  ] as const)('status stream %s mid-job: recovers, one job', async (name, fault) => {
    stack.emulator.faults.add({ host: 'queue.fal.run', path: '**/status/stream', ...fault });
    function Job() {
      const snapshot = useFalSubscribe(GATE, { n: 1 }, { logs: true });
      useEffect(() => {
        if (snapshot.status === 'in_progress') gate.open();
      }, [snapshot.status]);
      return <Show snapshot={snapshot} />;
    }
    renderWithClient(<Job />);
    await finalStatus('success');
    expect(JSON.parse(shown().textContent!).data).toEqual({ n: 1 });
    expect(queueJobs(stack.emulator, GATE)).toHaveLength(1);
    record({
      suite: 'faults',
      name: `React useFalSubscribe (proxy) × status stream ${name} mid-job`,
      outcome: 'success with the right data',
      faultsSurvived: 1,
    });
  });

  it.each([
    ['before', false],
    ['after', true],
  ] as const)(
    'submit connection dropped %s the emulator handled it: the proxy answers 500 (outcome unknown), never a second job',
    async (when, after) => {
      faults([{ ...SUBMIT, type: 'drop', after }]);
      function Job() {
        return <Show snapshot={useFalSubscribe(ECHO, { when })} />;
      }
      renderWithClient(<Job />);
      await finalStatus('error');
      expect(JSON.parse(shown().textContent!).error).toBe('ApiError');
      const submits = stack.emulator
        .requests()
        .filter((entry) => entry.method === 'POST' && entry.host === 'queue.fal.run');
      expect(submits).toHaveLength(1);
      // The upstream may have queued the job (it did when `after`): a retry could bill it twice.
      const jobs = queueJobs(stack.emulator, ECHO).length;
      expect(jobs).toBe(after ? 1 : 0);
      record({
        suite: 'faults',
        name: `React useFalSubscribe (proxy) × submit connection dropped ${when} handling`,
        outcome: 'error state with ApiError 500 (proxy_upstream_outcome_unknown), one submit, not retried',
        faultsSurvived: 1,
        duplicateSubmits: Math.max(0, jobs - 1),
      });
    },
  );

  it('StrictMode with a 429 on submit: exactly one job', async () => {
    faults([{ ...SUBMIT, type: 'status', status: 429, retryAfter: 0.01 }]);
    function Job() {
      return <Show snapshot={useFalSubscribe(ECHO, { strict: true })} />;
    }
    renderWithClient(<Job />, true);
    await finalStatus('success');
    const jobs = queueJobs(stack.emulator, ECHO).length;
    expect(jobs).toBe(1);
    record({
      suite: 'faults',
      name: 'React useFalSubscribe (proxy) × StrictMode double mount + 429 on submit',
      outcome: 'one job, success',
      faultsSurvived: 1,
      duplicateSubmits: jobs - 1,
    });
  });

  it('unmount mid-job (status stream open): the job is cancelled, no connection left open', async () => {
    function Job() {
      return <Show snapshot={useFalSubscribe(GATE, { unmount: true })} />;
    }
    const view = renderWithClient(<Job />);
    await finalStatus('in_progress');
    view.unmount();
    await eventually(() =>
      expect(queueJobs(stack.emulator, GATE).map((job) => job.status)).toEqual(['CANCELLED']),
    );
    await eventually(() => expect(stack.emulator.openConnections()).toBe(0));
    expect(unfinishedJobs(stack.emulator)).toEqual([]);
    record({
      suite: 'faults',
      name: 'React useFalSubscribe (proxy) × unmount mid-job',
      outcome: 'server job cancelled, 0 open connections',
      faultsSurvived: 1,
    });
  });
});

describe('useFalRun, useFalStream and useUpload through the proxy', () => {
  it('useFalRun × 502 burst with request id: retried (run policy), success', async () => {
    faults([{ host: 'fal.run', path: ECHO, type: 'status', status: 502, times: 2 }]);
    function Run() {
      return <Show snapshot={useFalRun(ECHO, { run: 1 })} />;
    }
    renderWithClient(<Run />);
    await finalStatus('success');
    expect(JSON.parse(shown().textContent!).data).toEqual({ run: 1 });
    record({
      suite: 'faults',
      name: 'React useFalRun (proxy) × 502 burst',
      outcome: 'success with the right data',
      faultsSurvived: 1,
    });
  });

  it.each([
    ['SSE corrupted mid-stream', { type: 'corrupt', afterEvents: 2 }, FalError],
    // The proxy turns the dropped upstream into its own 502; a stream answer is never replayed.
    ['connection dropped before the response', { type: 'drop' }, ApiError],
  ] as const)('useFalStream × %s: error state with a typed error', async (name, fault, errorClass) => {
    stack.emulator.faults.add({ host: 'fal.run', path: `${ECHO}/stream`, ...fault });
    let snapshot: ReturnType<typeof useFalStream> | undefined;
    function Stream() {
      snapshot = useFalStream(ECHO);
      return <Show snapshot={snapshot} />;
    }
    renderWithClient(<Stream />);
    await act(async () => {
      await snapshot!.start({ events: 4, name }).catch(() => {});
    });
    await finalStatus('error');
    expect(snapshot!.error).toBeInstanceOf(errorClass);
    record({
      suite: 'faults',
      name: `React useFalStream (proxy) × ${name}`,
      outcome: `error state with ${errorClass.name}`,
      faultsSurvived: 1,
    });
  });

  it('useUpload × upload PUT failing once (503): retried, success with a working URL', async () => {
    faults([{ host: 'v3.fal.media', method: 'PUT', type: 'status', status: 503 }]);
    let snapshot: ReturnType<typeof useUpload> | undefined;
    function Upload() {
      snapshot = useUpload();
      return <Show snapshot={snapshot} />;
    }
    renderWithClient(<Upload />);
    const bytes = new TextEncoder().encode('reliability upload through the proxy');
    await act(async () => {
      await snapshot!.upload([new File([bytes], 'note.txt', { type: 'text/plain' })]).catch(() => {});
    });
    await finalStatus('success');
    const [url] = snapshot!.urls;
    expect(new TextDecoder().decode(stack.emulator.storage.get(url!)!.bytes)).toBe(
      'reliability upload through the proxy',
    );
    expect(stack.emulator.faults.list()).toEqual([]);
    record({
      suite: 'faults',
      name: 'React useUpload (proxy) × upload PUT failing once',
      outcome: 'success, bytes intact',
      faultsSurvived: 1,
    });
  });

  it('useUpload × initiate refused for good (403): error state with ApiError', async () => {
    faults([{ host: 'rest.fal.ai', path: 'storage/**', type: 'status', status: 403, times: -1 }]);
    let snapshot: ReturnType<typeof useUpload> | undefined;
    function Upload() {
      snapshot = useUpload();
      return <Show snapshot={snapshot} />;
    }
    renderWithClient(<Upload />);
    await act(async () => {
      await snapshot!.upload([new File(['x'], 'x.txt', { type: 'text/plain' })]).catch(() => {});
    });
    await finalStatus('error');
    expect(snapshot!.error).toBeInstanceOf(ApiError);
    expect(snapshot!.errors.map((error) => error.code)).toEqual(['upload-failed']);
    record({
      suite: 'faults',
      name: 'React useUpload (proxy) × initiate 403',
      outcome: 'error state with ApiError',
      faultsSurvived: 1,
    });
  });
});
