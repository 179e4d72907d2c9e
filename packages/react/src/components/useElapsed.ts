import { useEffect, useRef, useState } from 'react';
import { isPendingStatus, isTerminalStatus, type ObserverStatus } from '@falkit/core/observers';

const tickMs = 1000;

/**
 * Milliseconds since the work started: counts while `status` is active, freezes at a terminal
 * status and resets at `idle`. `startedAt` (epoch ms) overrides the moment we first saw it active.
 */
export function useElapsed(status: ObserverStatus, startedAt?: number): number {
  const started = useRef<number | undefined>(undefined);
  const ended = useRef<number | undefined>(undefined);
  const [, setTick] = useState(0);
  const active = isPendingStatus(status);

  if (status === 'idle') {
    started.current = undefined;
    ended.current = undefined;
  } else if (active) {
    started.current ??= startedAt ?? Date.now();
    ended.current = undefined;
  } else if (isTerminalStatus(status) && started.current !== undefined) {
    ended.current ??= Date.now();
  }
  if (startedAt !== undefined && status !== 'idle') started.current = startedAt;

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), tickMs);
    return () => clearInterval(timer);
  }, [active]);

  if (started.current === undefined) return 0;
  return Math.max(0, (ended.current ?? Date.now()) - started.current);
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatElapsed(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
