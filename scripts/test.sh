#!/usr/bin/env bash
# The one test command (`npm test`): lint + format, type-check, build the console, then every suite.
# Suites that need PostgreSQL or Chromium fail with a message when those are missing; none skips itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--only-tests" ]; then
  npx biome check .
  npx tsc --noEmit -p tsconfig.json
  npx tsc --noEmit -p web/tsconfig.json
  if [ -f web/vite.config.ts ]; then npm run --silent build:web; fi
fi
# The long suites first (each runs a real browser, Samba domain controller or agent process for one to
# four minutes), so the many short ones fill the slots at the end instead of one long suite running
# alone; then everything else. Three at once on two cores: those long suites mostly wait (on the browser,
# the controller, the agent's requests), so a third keeps the cores busy; the waits in the tests are
# bounded generously for that.
long=(test/agent test/directory test/browser)
mapfile -t files < <(
  find "${long[@]}" -name '*.test.ts' | sort
  find src emulators test -name '*.test.ts' -not -path '*/node_modules/*' \
    -not -path 'test/agent/*' -not -path 'test/directory/*' -not -path 'test/browser/*' | sort
)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency=3 --test-timeout=600000 --test-reporter=spec "${files[@]}"
