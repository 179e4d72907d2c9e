import { FalProvider } from '@falkit/react';
import type { Decorator } from '@storybook/react-vite';
import { describeBackend, storyClient } from '../backend';

/** Live stories call the emulator (or fal through the proxy) with the story client. */
export const withFalClient: Decorator = (Story) => (
  <FalProvider client={storyClient()}>
    <p style={{ fontSize: 12, color: '#71717a' }}>Backend: {describeBackend()}</p>
    <div style={{ maxWidth: 640 }}>{Story()}</div>
  </FalProvider>
);

/** Collects every "Position N in queue" a live region shows, in order. */
export function watchQueuePositions(region: Element): { positions: number[]; stop: () => void } {
  const positions: number[] = [];
  const read = () => {
    const match = /Position (\d+) in queue/.exec(region.textContent ?? '');
    const position = match ? Number(match[1]) : undefined;
    if (position !== undefined && positions.at(-1) !== position) positions.push(position);
  };
  const observer = new MutationObserver(read);
  observer.observe(region, { childList: true, subtree: true, characterData: true });
  read();
  return { positions, stop: () => observer.disconnect() };
}

export const liveTimeout = { timeout: 25_000 };
