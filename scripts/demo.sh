#!/usr/bin/env bash
# `pnpm demo`: starts the falkit emulator and the playground page (a plain Vite page, interactive in
# seconds), prints the URL, then starts Storybook in the background (every story; its cold compile
# takes a while, so the playground never waits for it). Ctrl-C stops everything and exits 0. With FAL_KEY set, the playground talks to real fal.ai through @falkit/proxy
# instead (the key stays in this terminal's processes, never in the browser).
#
# Overrides: FALKIT_DEMO_HOST (127.0.0.1), FALKIT_EMULATOR_PORT (8787, 0 = any free port),
# FALKIT_EMULATOR_SPEED (2.5: each stand-in app takes 2.5x its default time, so an image takes a few
# seconds and a streamed reply ~5 s: long enough to watch the queue and to try Cancel and Stop),
# FALKIT_PLAYGROUND_PORT (5173), FALKIT_STORYBOOK_PORT (6006; `none` skips Storybook),
# FALKIT_PROXY_PORT (8788, used with FAL_KEY; 0 = any free port).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

HOST="${FALKIT_DEMO_HOST:-127.0.0.1}"
EMULATOR_PORT="${FALKIT_EMULATOR_PORT:-8787}"
STORYBOOK_PORT="${FALKIT_STORYBOOK_PORT:-6006}"
PLAYGROUND_PORT="${FALKIT_PLAYGROUND_PORT:-5173}"
EMULATOR_SPEED="${FALKIT_EMULATOR_SPEED:-2.5}"
PROXY_PORT="${FALKIT_PROXY_PORT:-8788}"
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/falkit-demo.XXXXXX")"
export STORYBOOK_DISABLE_TELEMETRY=1
export VITE_CONFIG_NATIVE_IGNORE_WARNING=true
# `npx pnpm demo` puts pnpm on PATH; `bash scripts/demo.sh` on its own may not have it.
if ! command -v pnpm >/dev/null 2>&1; then pnpm() { npx -y pnpm@10.34.9 "$@"; }; fi

# Each background job gets its own process group, so cleanup stops it with all its children.
set -m
PIDS=""
cleanup() {
  # Ignore (not reset) INT/TERM while stopping: pnpm forwards the terminal's Ctrl-C to this script a
  # second time, and dying of that signal mid-cleanup is what pnpm reports as ELIFECYCLE.
  trap '' INT TERM
  trap - EXIT
  for pid in $PIDS; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$LOGS"
  echo "falkit demo stopped."
}
trap cleanup EXIT
# Ctrl-C is how the demo is meant to end: exit 0, so `pnpm demo` reports no ELIFECYCLE failure.
trap 'exit 0' INT
trap 'exit 0' TERM

# Builds a package (and the @falkit packages it depends on) unless its dist/ is newer than its sources.
build_if_stale() {
  node scripts/build-if-stale.mjs "$1" || exit 1
}

# Waits until a log file shows a line matching the pattern; prints the first match. Colour codes are
# stripped first: with FORCE_COLOR set (as many CI runners do), Vite prints the port in bold.
wait_for_line() {
  local file="$1" pattern="$2" seconds="$3" pid="$4" log
  for _ in $(seq 1 $((seconds * 10))); do
    log="$(sed 's/\x1b\[[0-9;]*m//g' "$file" 2>/dev/null || true)"
    if grep -m1 -oE "$pattern" <<<"$log"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "falkit demo: gave up waiting for '$pattern'. Log:" >&2
  cat "$file" >&2
  return 1
}

if [ -n "${FAL_KEY:-}${FAL_KEY_ID:-}" ]; then
  echo "== FAL_KEY is set: requests go to fal.ai through @falkit/proxy"
  build_if_stale packages/proxy
  node scripts/demo-proxy.mjs --host "$HOST" --port "$PROXY_PORT" >"$LOGS/proxy.log" 2>&1 &
  SERVER_PID=$!
  PIDS="$PIDS $SERVER_PID"
  PROXY_URL="$(wait_for_line "$LOGS/proxy.log" 'http://[^ ]+' 30 "$SERVER_PID")"
  export FALKIT_DEMO_PROXY_TARGET="$PROXY_URL"
  export VITE_FALKIT_PROXY_URL="/api/fal/proxy"
  UPSTREAM="fal.ai"
  if [ -n "${FALKIT_DEMO_PROXY_EMULATOR_URL:-}" ]; then UPSTREAM="the falkit emulator at $FALKIT_DEMO_PROXY_EMULATOR_URL"; fi
  BACKEND="$UPSTREAM through @falkit/proxy ($PROXY_URL, key read from FAL_KEY on the server)"
else
  build_if_stale packages/emulator
  node packages/emulator/bin/falkit-emulator.js --host "$HOST" --port "$EMULATOR_PORT" --speed "$EMULATOR_SPEED" \
    >"$LOGS/emulator.log" 2>&1 &
  SERVER_PID=$!
  PIDS="$PIDS $SERVER_PID"
  EMULATOR_URL="$(wait_for_line "$LOGS/emulator.log" 'http://[^ ]+' 30 "$SERVER_PID")"
  export VITE_FALKIT_EMULATOR_URL="$EMULATOR_URL"
  BACKEND="falkit emulator at $EMULATOR_URL (no key, no network)"
fi

echo "== starting the playground"
(cd "$ROOT/stories" && exec node_modules/.bin/vite --config src/playground/vite.config.ts \
  --host "$HOST" --port "$PLAYGROUND_PORT" --strictPort) >"$LOGS/playground.log" 2>&1 &
PLAYGROUND_PID=$!
PIDS="$PIDS $PLAYGROUND_PID"
PLAYGROUND_URL="$(wait_for_line "$LOGS/playground.log" "http://$HOST:$PLAYGROUND_PORT/" 60 "$PLAYGROUND_PID")"

STORYBOOK_URL="http://$HOST:$STORYBOOK_PORT"
if [ "$STORYBOOK_PORT" = none ]; then
  STORYBOOK_LINE="not started (FALKIT_STORYBOOK_PORT=none); \`pnpm storybook\` serves every story"
else
  # Lower priority than the playground: its cold compile must not slow the page the user is on.
  (cd "$ROOT/stories" && exec nice -n 10 node_modules/.bin/storybook dev --ci --exact-port --no-version-updates \
    --disable-telemetry --host "$HOST" --port "$STORYBOOK_PORT") >"$LOGS/storybook.log" 2>&1 &
  STORYBOOK_PID=$!
  PIDS="$PIDS $STORYBOOK_PID"
  STORYBOOK_LINE="$STORYBOOK_URL (compiling in the background; a line below says when it is ready)"
fi

cat <<BANNER

  ┌──────────────────────────────────────────────────────────────────────
  │ falkit playground: $PLAYGROUND_URL
  │ all stories:       $STORYBOOK_LINE
  │ backend:           $BACKEND
  │ Ctrl-C stops everything.
  └──────────────────────────────────────────────────────────────────────

BANNER

storybook_ready=""
# Stay up until Ctrl-C, or until a server dies.
while kill -0 "$SERVER_PID" 2>/dev/null && kill -0 "$PLAYGROUND_PID" 2>/dev/null; do
  if [ -n "${STORYBOOK_PID:-}" ] && [ -z "$storybook_ready" ]; then
    if ! kill -0 "$STORYBOOK_PID" 2>/dev/null; then
      echo "falkit demo: Storybook exited (the playground stays up); log:" >&2
      tail -n 20 "$LOGS/storybook.log" >&2 || true
      storybook_ready="failed"
    elif node -e "fetch('$STORYBOOK_URL/index.json').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
      echo "  Storybook ready: $STORYBOOK_URL"
      storybook_ready="yes"
    fi
  fi
  sleep 1
done
echo "falkit demo: a server exited; logs:" >&2
tail -n 20 "$LOGS"/*.log >&2 || true
exit 1
