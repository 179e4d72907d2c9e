/**
 * Secrets: the built Storybook (`stories/storybook-static`) and the Next.js example's client bundle
 * (`examples/nextjs/.next/static`) must hold no fal key and no `Authorization: Key` string. Build them
 * with a canary key in the environment (`FAL_KEY=falkit-secret-canary-123`, as `scripts/ci.sh` does) so
 * a key that leaks into client code is caught. A tree that has not been built fails the test (build it
 * first). `scripts/ci.sh` builds both before the tests and sets `FALKIT_BUILT_AFTER` (epoch seconds):
 * then a tree built before that moment (left over from an earlier run) fails too.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { record } from './support/summary';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CANARY = 'falkit-secret-canary-123';

const TREES = [
  {
    name: 'Storybook (stories/storybook-static)',
    dir: join(ROOT, 'stories/storybook-static'),
    build: `FAL_KEY=${CANARY} pnpm --filter @falkit/stories build-storybook`,
  },
  {
    name: 'Next.js client bundle (examples/nextjs/.next/static)',
    dir: join(ROOT, 'examples/nextjs/.next/static'),
    build: `FAL_KEY=${CANARY} pnpm --filter @falkit/example-nextjs build`,
  },
];

/** What must never appear in a client asset. */
function forbiddenPatterns(): Array<[string, RegExp]> {
  const keys = new Set(
    [CANARY, process.env.FAL_KEY, process.env.FAL_KEY_SECRET].filter((v): v is string => !!v),
  );
  return [
    ...[...keys].map((key): [string, RegExp] => [
      'a FAL_KEY value',
      new RegExp(key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    ]),
    ['an "Authorization: Key" header', /authorization["'`]?\s*[:=,]\s*["'`]?Key\s+[A-Za-z0-9]/i],
    ['a literal "Key <secret>" credential', /["'`]Key [A-Za-z0-9_-]{8,}:[A-Za-z0-9_-]{8,}["'`]/],
  ];
}

const TEXT = /\.(m?js|cjs|css|html?|json|map|txt|svg)$/i;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name)) yield path;
  }
}

export function scan(dir: string): { scanned: number; findings: string[]; newestMs: number } {
  const patterns = forbiddenPatterns();
  let scanned = 0;
  let newestMs = 0;
  const findings: string[] = [];
  for (const path of files(dir)) {
    scanned++;
    newestMs = Math.max(newestMs, statSync(path).mtimeMs);
    const text = readFileSync(path, 'utf8');
    for (const [what, pattern] of patterns) {
      const match = pattern.exec(text);
      if (match) {
        findings.push(
          `${relative(ROOT, path)}: ${what} near "${text.slice(Math.max(0, match.index - 40), match.index + 40)}"`,
        );
      }
    }
  }
  return { scanned, findings, newestMs };
}

describe('no secret in any client asset', () => {
  it('the scanner finds a planted key and an Authorization: Key header (it can fail)', () => {
    const patterns = forbiddenPatterns();
    const planted = `fetch(u,{headers:{authorization:"Key ${CANARY}"}})`;
    expect(patterns.filter(([, pattern]) => pattern.test(planted)).length).toBeGreaterThanOrEqual(2);
    expect(patterns.some(([, pattern]) => pattern.test('headers: { Authorization: `Key ${key}` }'))).toBe(
      false,
    );
  });

  it.each(TREES)('$name', ({ name, dir, build }) => {
    expect(existsSync(dir), `${dir} is not built; run: ${build}`).toBe(true);
    const { scanned, findings, newestMs } = scan(dir);
    const builtAfter = Number(process.env.FALKIT_BUILT_AFTER);
    if (Number.isFinite(builtAfter) && builtAfter > 0) {
      expect(newestMs / 1000, `${dir} was built before this run; run: ${build}`).toBeGreaterThanOrEqual(
        builtAfter,
      );
    }
    expect(scanned).toBeGreaterThan(0);
    expect(findings).toEqual([]);
    record({
      suite: 'secrets',
      name,
      outcome: `${scanned} files built ${new Date(newestMs).toISOString()}, no key, no Authorization: Key`,
      secretsScanned: scanned,
    });
  });
});
