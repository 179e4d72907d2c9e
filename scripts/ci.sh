#!/usr/bin/env bash
# The README's test line ends here: build, lint, typecheck, every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian chromium for browser tests"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

echo "== build"
pnpm build
echo "== packaging: every export imports from dist in plain Node"
node scripts/check-dist.mjs
echo "== lint"
pnpm lint
echo "== typecheck"
pnpm typecheck
echo "== client builds with a canary FAL_KEY: Next.js example (next build, ~75 s on 2 cores) and Storybook"
# Built here, before the tests: the reliability suite's secrets scan (in pnpm test) reads these trees and
# fails when one is missing or older than FALKIT_BUILT_AFTER, so RESULTS.md describes this run's builds.
export FALKIT_BUILT_AFTER="$(date +%s)"
NEXT_TELEMETRY_DISABLED=1 FAL_KEY=falkit-secret-canary-123 pnpm --filter @falkit/example-nextjs build
STORYBOOK_DISABLE_TELEMETRY=1 FAL_KEY=falkit-secret-canary-123 pnpm --filter @falkit/stories build-storybook
echo "== unit, integration and conformance tests (the reliability suite writes test/reliability/RESULTS.md)"
pnpm test
echo "== Storybook: every story renders and its interaction test passes (vitest browser mode, chromium)"
pnpm --filter @falkit/stories test
echo "== browser e2e: pnpm demo driven by playwright-core (screenshots in test/artifacts/)"
pnpm exec vitest run -c test/e2e/vitest.config.ts
echo "== Next.js example: e2e against the emulator (the build above)"
pnpm --filter @falkit/example-nextjs test:e2e
