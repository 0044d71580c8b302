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
mapfile -t files < <(find src emulators test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency=2 --test-timeout=600000 --test-reporter=spec "${files[@]}"
