/**
 * A small app on the story emulator with `<FalDevtools />`: buttons start real queue jobs through the
 * provider's store, and the devtools show them (and the emulator's faults and jobs).
 */
import { FalProvider, useFalStore, useFalSubscribe } from '@falkit/react';
import { FalDevtools } from '@falkit/react-devtools';
import { useRef, useState } from 'react';
import { currentBackend } from '../backend';

/** The echo stand-in under a path of its own, so the stories' faults hit only these jobs. */
export const liveEndpoint = 'falkit/echo/devtools';

/** A minute-long job followed by a hook (so it has an observer), started by a button. */
function LongJob() {
  const [input, setInput] = useState<{ delay_ms: number; logs: number } | null>(null);
  const job = useFalSubscribe(liveEndpoint, input, { logs: true, mode: 'polling' });
  return (
    <p>
      <button type="button" disabled={input !== null} onClick={() => setInput({ delay_ms: 60_000, logs: 2 })}>
        Long job
      </button>{' '}
      <output aria-label="Long job status">{job.status}</output>
    </p>
  );
}

function JobButtons() {
  const store = useFalStore();
  const next = useRef(1);
  const start = (input: Record<string, unknown>) => {
    void store.prefetch(liveEndpoint, { job: next.current++, ...input }, { logs: true, mode: 'polling' });
  };
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <button type="button" onClick={() => start({ logs: 3 })}>
        Quick job
      </button>
      <button type="button" onClick={() => start({ fail: { status: 500 } })}>
        Failing job
      </button>
    </div>
  );
}

export function LiveDevtools({ initialIsOpen = false }: { initialIsOpen?: boolean }) {
  // The provider builds a store of its own: nothing from other stories is listed.
  return (
    <FalProvider config={{ baseUrl: currentBackend().url }}>
      <div style={{ minHeight: 620 }}>
        <p>An app on the falkit emulator at {currentBackend().url}.</p>
        <JobButtons />
        <LongJob />
        <FalDevtools initialIsOpen={initialIsOpen} emulatorUrl={currentBackend().url} />
      </div>
    </FalProvider>
  );
}
