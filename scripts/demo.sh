#!/usr/bin/env bash
# `pnpm demo`: starts the falkit emulator and the Storybook playground, prints the URL, and stops
# both on Ctrl-C. With FAL_KEY set, the playground talks to real fal.ai through @falkit/proxy
# instead (the key stays in this terminal's processes, never in the browser).
#
# Overrides: FALKIT_DEMO_HOST (127.0.0.1), FALKIT_EMULATOR_PORT (8787, 0 = any free port),
# FALKIT_STORYBOOK_PORT (6006), FALKIT_PROXY_PORT (8788, used with FAL_KEY; 0 = any free port).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

HOST="${FALKIT_DEMO_HOST:-127.0.0.1}"
EMULATOR_PORT="${FALKIT_EMULATOR_PORT:-8787}"
STORYBOOK_PORT="${FALKIT_STORYBOOK_PORT:-6006}"
PROXY_PORT="${FALKIT_PROXY_PORT:-8788}"
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/falkit-demo.XXXXXX")"
export STORYBOOK_DISABLE_TELEMETRY=1
# `npx pnpm demo` puts pnpm on PATH; `bash scripts/demo.sh` on its own may not have it.
if ! command -v pnpm >/dev/null 2>&1; then pnpm() { npx -y pnpm@10.34.9 "$@"; }; fi

# Each background job gets its own process group, so cleanup stops it with all its children.
set -m
PIDS=""
cleanup() {
  trap - INT TERM EXIT
  for pid in $PIDS; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$LOGS"
  echo "falkit demo stopped."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Builds a package unless its dist is newer than every source file (CI has just built it).
build_if_stale() {
  local name="$1" dir="$2" marker="$2/dist/$3"
  if [ -f "$marker" ] && [ -z "$(find "$dir/src" "$dir/package.json" -newer "$marker" -print -quit)" ]; then return 0; fi
  echo "== building $name"
  pnpm --filter "$name" build >"$LOGS/build.log" 2>&1 || { cat "$LOGS/build.log"; exit 1; }
}

# Waits until a log file shows a line matching the pattern; prints the first match.
wait_for_line() {
  local file="$1" pattern="$2" seconds="$3" pid="$4"
  for _ in $(seq 1 $((seconds * 10))); do
    if grep -m1 -oE "$pattern" "$file" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "falkit demo: gave up waiting for '$pattern'. Log:" >&2
  cat "$file" >&2
  return 1
}

if [ -n "${FAL_KEY:-}${FAL_KEY_ID:-}" ]; then
  echo "== FAL_KEY is set: requests go to fal.ai through @falkit/proxy"
  build_if_stale @falkit/proxy packages/proxy entries/node.js
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
  build_if_stale @falkit/emulator packages/emulator cli.js
  node packages/emulator/bin/falkit-emulator.js --host "$HOST" --port "$EMULATOR_PORT" >"$LOGS/emulator.log" 2>&1 &
  SERVER_PID=$!
  PIDS="$PIDS $SERVER_PID"
  EMULATOR_URL="$(wait_for_line "$LOGS/emulator.log" 'http://[^ ]+' 30 "$SERVER_PID")"
  export VITE_FALKIT_EMULATOR_URL="$EMULATOR_URL"
  BACKEND="falkit emulator at $EMULATOR_URL (no key, no network)"
fi

echo "== starting Storybook"
(cd "$ROOT/stories" && exec node_modules/.bin/storybook dev --ci --exact-port --no-version-updates \
  --disable-telemetry --host "$HOST" --port "$STORYBOOK_PORT") >"$LOGS/storybook.log" 2>&1 &
STORYBOOK_PID=$!
PIDS="$PIDS $STORYBOOK_PID"
STORYBOOK_URL="http://$HOST:$STORYBOOK_PORT"
for _ in $(seq 1 1200); do
  if node -e "fetch('$STORYBOOK_URL/index.json').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  if ! kill -0 "$STORYBOOK_PID" 2>/dev/null; then cat "$LOGS/storybook.log" >&2; exit 1; fi
  sleep 0.5
done

cat <<BANNER

  ┌──────────────────────────────────────────────────────────────────────
  │ falkit playground: $STORYBOOK_URL/?path=/story/playground--playground
  │ all stories:       $STORYBOOK_URL
  │ backend:           $BACKEND
  │ Ctrl-C stops everything.
  └──────────────────────────────────────────────────────────────────────

BANNER

# Stay up until Ctrl-C, or until a server dies.
while kill -0 "$SERVER_PID" 2>/dev/null && kill -0 "$STORYBOOK_PID" 2>/dev/null; do sleep 1; done
echo "falkit demo: a server exited; logs:" >&2
tail -n 20 "$LOGS"/*.log >&2 || true
exit 1
