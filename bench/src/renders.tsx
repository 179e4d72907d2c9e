/**
 * Renders per job and under a flood of 1,000 log lines: `@falkit/react`'s `useFalSubscribe` against a
 * hand-written `useState` + `@fal-ai/client` component, both in jsdom with react-dom/client. A render
 * is a commit counted by React's `<Profiler>`.
 */
import { createFalClient as createOfficialClient } from '@fal-ai/client';
import { createFalClient } from '@falkit/core';
import type { AppContext } from '@falkit/emulator';
import { FalProvider, useFalSubscribe } from '@falkit/react';
import { Profiler, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { installDom } from './dom';
import { type Bench, KEY, emulatorFetch, preciseNow } from './support';

export interface RenderRow {
  component: string;
  scenario: string;
  renders: number;
  /** How many different log counts the screen went through: 1 = logs only appear at the end. */
  logSteps: number;
  logsShown: number;
  /** From the emulator's completedAt to the component's effect seeing success. */
  successLatencyMs: number;
  /** How long the job ran on the emulator (startedAt → completedAt): the window the renders fall in. */
  jobMs: number;
}

type Done = (logs: number) => void;
/** Called on every render with the number of log lines on screen. */
type Track = (logs: number) => void;

function FalkitJob({
  id,
  input,
  onDone,
  track,
}: {
  id: string;
  input: Record<string, unknown>;
  onDone: Done;
  track: Track;
}) {
  const { status, logs } = useFalSubscribe(id, input, { logs: true });
  track(logs.length);
  useEffect(() => {
    if (status === 'success') onDone(logs.length);
  }, [status, logs.length, onDone]);
  return (
    <p>
      {status}: {logs.length} log lines, last: {logs.at(-1)?.message}
    </p>
  );
}

interface Log {
  message: string;
}

/** What people write today: state hooks fed from `onQueueUpdate`. */
function OfficialJob({
  id,
  input,
  mode,
  onDone,
  track,
  fal,
}: {
  id: string;
  input: object;
  mode: 'polling' | 'streaming';
  onDone: Done;
  track: Track;
  fal: ReturnType<typeof createOfficialClient>;
}) {
  const [status, setStatus] = useState('idle');
  const [logs, setLogs] = useState<Log[]>([]);
  track(logs.length);
  useEffect(() => {
    let active = true;
    setStatus('submitting');
    fal
      .subscribe(id, {
        input,
        logs: true,
        mode,
        onQueueUpdate: (update: { status: string; logs?: Log[] }) => {
          if (!active) return;
          setStatus(update.status);
          if (update.logs) setLogs(update.logs);
        },
      } as never)
      .then(() => active && setStatus('success'));
    return () => {
      active = false;
    };
  }, [id, input, mode, fal]);
  useEffect(() => {
    if (status === 'success') onDone(logs.length);
  }, [status, logs.length, onDone]);
  return (
    <p>
      {status}: {logs.length} log lines, last: {logs.at(-1)?.message}
    </p>
  );
}

async function mount(
  element: (onDone: Done, track: Track) => React.ReactElement,
): Promise<{ renders: number; logs: number; logSteps: number; doneAt: number }> {
  const container = document.getElementById('root')!;
  const root = createRoot(container);
  let renders = 0;
  const logCounts = new Set<number>();
  let doneAt = 0;
  const logs = await new Promise<number>((resolve) => {
    const onDone: Done = (count) => {
      doneAt = preciseNow();
      resolve(count);
    };
    root.render(
      <Profiler id="job" onRender={() => renders++}>
        {element(onDone, (count) => logCounts.add(count))}
      </Profiler>,
    );
  });
  // Let anything scheduled after success land before counting.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const total = renders;
  root.unmount();
  return { renders: total, logs, logSteps: logCounts.size, doneAt };
}

export async function measureRenders(bench: Bench): Promise<RenderRow[]> {
  // 10 lines per timer tick. With 1 ms ticks the app shares this process with the client, so a client
  // that does less per event lets the flood run faster (and end with more events still to read); the
  // paced flood's 5 ms ticks leave time to spare, so both sides see the same job.
  const flood = (tickMs: number) => async (ctx: AppContext) => {
    for (let i = 0; i < 1000; i++) {
      ctx.log(`line ${i}`);
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
    return { lines: 1000 };
  };
  bench.emulator.app('bench/flood', flood(1));
  bench.emulator.app('bench/paced-flood', flood(5));
  const restore = installDom();
  try {
    const falkit = createFalClient({
      baseUrl: bench.server.url,
      credentials: KEY,
      suppressLocalCredentialsWarning: true,
    });
    const fal = createOfficialClient({
      credentials: KEY,
      fetch: emulatorFetch(bench.server.url),
      suppressLocalCredentialsWarning: true,
    } as never);
    const scenarios: Array<[string, string, object]> = [
      ['one 1 s job with 10 log lines', 'falkit/echo', { delay_ms: 1000, logs: 10 }],
      ['1,000-line log flood', 'bench/flood', { flood: true }],
      ['1,000 lines, 10 per 5 ms', 'bench/paced-flood', { flood: true }],
    ];
    const rows: RenderRow[] = [];
    for (const [scenario, id, input] of scenarios) {
      const components: Array<[string, (onDone: Done, track: Track) => React.ReactElement]> = [
        [
          '@falkit/react useFalSubscribe',
          (onDone, track) => (
            <FalProvider client={falkit}>
              <FalkitJob id={id} input={{ ...input, c: 1 }} onDone={onDone} track={track} />
            </FalProvider>
          ),
        ],
        [
          'useState + @fal-ai/client (polling, default)',
          (onDone, track) => (
            <OfficialJob
              id={id}
              input={{ ...input, c: 2 }}
              mode="polling"
              onDone={onDone}
              track={track}
              fal={fal}
            />
          ),
        ],
        [
          'useState + @fal-ai/client (streaming)',
          (onDone, track) => (
            <OfficialJob
              id={id}
              input={{ ...input, c: 3 }}
              mode="streaming"
              onDone={onDone}
              track={track}
              fal={fal}
            />
          ),
        ],
      ];
      for (const [component, element] of components) {
        const { renders, logs, logSteps, doneAt } = await mount(element);
        const job = bench.emulator.jobs().at(-1)!;
        const completedAt = job.completedAt!;
        rows.push({
          component,
          scenario,
          renders,
          logSteps,
          logsShown: logs,
          successLatencyMs: Math.round(doneAt - completedAt),
          jobMs: Math.round(completedAt - job.startedAt!),
        });
      }
    }
    return rows;
  } finally {
    restore();
  }
}
