/** True in a DOM environment (browsers, jsdom); false in Node, Deno, Bun, workers and edge runtimes. */
export function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown } };
  return typeof g.window !== 'undefined' && typeof g.window.document !== 'undefined';
}
