// Plain JavaScript so that plain-Node scripts (test/consumer/run.mjs) share it with the TypeScript
// tests and benches (through chromium.ts): one list of Chromium flags.

/** Debian's chromium, never a downloaded browser. */
export const chromiumExecutablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags a headless Chromium needs on a closed network (toolchain gotcha 4). */
export const chromiumArgs = [
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
