/**
 * The page of the devtools responsiveness benchmark (bundled for the browser by `devtools.ts`): the
 * devtools over 500 requests, one of them with a 100,000-line log, and the timed interactions.
 * Each interaction is timed from the input event to the first frame after the panel shows its
 * result (what a user waits for).
 */
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import type { DevtoolsEntry } from '../../packages/react-devtools/src/devtoolsEntry';
import { DevtoolsShell } from '../../packages/react-devtools/src/FalDevtoolsShell';
import { LazyDevtoolsPanel } from '../../packages/react-devtools/src/lazyPanel';
import { createStaticSource } from '../../packages/react-devtools/src/staticSource';

const REQUESTS = 500;
const LONG_LOG = 100_000;
const endpoints = ['fal-ai/flux/dev', 'fal-ai/fast-sdxl', 'fal-ai/whisper', 'fal-ai/any-llm', 'falkit/echo'];
const statuses = ['in_queue', 'in_progress', 'success', 'error', 'cancelled'] as const;
const now = Date.now();

function logs(count: number): DevtoolsEntry['logs'] {
  return Array.from({ length: count }, (_, index) => ({
    message: `step ${index + 1}/${count}: denoising latents (${(index * 7) % 100}%)`,
    level: index % 50 === 0 ? 'warn' : 'info',
    timestamp: new Date(now - (count - index) * 10).toISOString(),
  }));
}

const entries: DevtoolsEntry[] = Array.from({ length: REQUESTS }, (_, index) => {
  const status = statuses[index % statuses.length]!;
  return {
    key: `request-${index}`,
    kind: 'queue',
    endpointId: endpoints[index % endpoints.length],
    status,
    requestId: `${index.toString(16).padStart(8, '0')}-bench`,
    input: { prompt: `prompt ${index}`, seed: index },
    output:
      status === 'success' ? { images: [{ url: `https://v3.fal.media/files/${index}.png` }] } : undefined,
    error: undefined,
    logs: index === 0 ? logs(LONG_LOG) : logs(20),
    submittedAt: now - 10_000 - index,
    startedAt: status === 'in_queue' ? undefined : now - 5000,
    completedAt:
      status === 'success' || status === 'error' || status === 'cancelled' ? now - 1000 : undefined,
    queueHistory: [
      { at: now - 9000, position: 3 },
      { at: now - 7000, position: 1 },
    ],
    attempts: index % 7 === 0 ? 1 : 0,
    lastRetryReason: index % 7 === 0 ? 'HTTP 503' : undefined,
    observers: index % 3,
    gcExpiresAt: status === 'success' ? now + 300_000 : undefined,
    options: { logs: true },
  };
});

const host = document.getElementById('root')!;
createRoot(host).render(h(DevtoolsShell, { source: createStaticSource(entries), Panel: LazyDevtoolsPanel }));

const shadow = () => host.querySelector('[data-falkit-devtools]')!.shadowRoot!;
const $ = <T extends Element>(selector: string) => shadow().querySelector<T>(selector);

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Polls each frame until `done()` holds (max 10 s), then waits for the frame that shows it. */
async function until(done: () => boolean): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('interaction did not complete in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await nextFrame();
}

function setValue(element: HTMLInputElement | HTMLSelectElement, value: string) {
  // React tracks the value through the prototype setter.
  const prototype =
    element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
  element.dispatchEvent(
    new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
  );
}

const count = () => $('.fkd-count')?.textContent ?? '';
const logCount = () => $('.fkd-count[aria-live]')?.textContent ?? '';
const rows = () => shadow().querySelectorAll('.fkd-row').length;

/** Time from `act()` to the first frame after `done()` holds. */
async function timed(act: () => void, done: () => boolean): Promise<number> {
  const started = performance.now();
  act();
  await until(done);
  return performance.now() - started;
}

/** Each interaction returns its time and leaves the panel as it found it (the reset is not timed). */
const interactions: Record<string, () => Promise<number>> = {
  async open() {
    const toggle = $<HTMLButtonElement>('.fkd-toggle')!;
    if (toggle.getAttribute('aria-expanded') === 'true') {
      toggle.click();
      await until(() => !$('.fkd-panel'));
    }
    return timed(
      () => toggle.click(),
      () => rows() > 0,
    );
  },
  async search() {
    const input = $<HTMLInputElement>('input[type="search"]')!;
    const ms = await timed(
      () => setValue(input, 'whisper'),
      () => count() === `100 of ${REQUESTS}`,
    );
    await timed(
      () => setValue(input, ''),
      () => count() === `${REQUESTS}`,
    );
    return ms;
  },
  async filterStatus() {
    const select = $<HTMLSelectElement>('select[aria-label="Status"]')!;
    const ms = await timed(
      () => setValue(select, 'error'),
      () => count() === `100 of ${REQUESTS}`,
    );
    await timed(
      () => setValue(select, ''),
      () => count() === `${REQUESTS}`,
    );
    return ms;
  },
  async selectLongLog() {
    await timed(
      () => $<HTMLButtonElement>('.fkd-row[data-index="1"] .fkd-row-main')!.click(),
      () => logCount() === '20 lines',
    );
    return timed(
      () => $<HTMLButtonElement>('.fkd-row[data-index="0"] .fkd-row-main')!.click(),
      () => logCount() === `${LONG_LOG} lines`,
    );
  },
  async filterLog() {
    const input = $<HTMLInputElement>('input[aria-label="Filter logs"]')!;
    const ms = await timed(
      () => setValue(input, 'step 99999/'),
      () => logCount() === `1 of ${LONG_LOG} lines`,
    );
    await timed(
      () => setValue(input, ''),
      () => logCount() === `${LONG_LOG} lines`,
    );
    return ms;
  },
  async scrollLog() {
    const scroller = $<HTMLElement>('.fkd-logs')!;
    const line = Math.floor(scroller.scrollHeight / 2 / 18);
    const shown = `step ${line + 1}/${LONG_LOG}:`;
    const ms = await timed(
      () => {
        scroller.scrollTop = line * 18;
      },
      () => [...scroller.querySelectorAll('.fkd-log-row')].some((row) => row.textContent?.includes(shown)),
    );
    scroller.scrollTop = 0;
    await nextFrame();
    return ms;
  },
  async scrollList() {
    const scroller = $<HTMLElement>('section.fkd-scroll[aria-label="Requests"]')!;
    const ms = await timed(
      () => {
        scroller.scrollTop = scroller.scrollHeight;
      },
      () => !!$(`.fkd-row[data-index="${REQUESTS - 1}"]`),
    );
    scroller.scrollTop = 0;
    await until(() => !!$('.fkd-row[data-index="0"]'));
    return ms;
  },
};

/** Runs one interaction; resolves with its time in ms. */
function run(name: string): Promise<number> {
  const interaction = interactions[name];
  if (!interaction) throw new Error(`unknown interaction ${name}`);
  return interaction();
}

Object.assign(window, { devtoolsBench: { run, names: Object.keys(interactions) } });
