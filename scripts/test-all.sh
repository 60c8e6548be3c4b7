#!/usr/bin/env bash
# Every test: typecheck, lint, unit and component tests, API tests on PGlite (and on the
# PostgreSQL server named by TEST_DATABASE_URL, when set), then the Playwright journeys.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
failed_steps=()

step() {
  local name="$1"; shift
  echo
  echo "━━ $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

vitest_json() { # package-filter label [env...]
  local filter="$1" label="$2"; shift 2
  env "$@" pnpm --filter "$filter" exec vitest run --reporter=default --reporter=json --outputFile="$results/$label.json"
}

step "typecheck" pnpm run typecheck
step "lint" pnpm run lint
step "shared: unit tests" vitest_json @workdiary/shared shared
step "web: component tests" vitest_json @workdiary/web web
step "api: tests on embedded PGlite" vitest_json @workdiary/api api-pglite TEST_DATABASE_URL=
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "api: tests on PostgreSQL ($TEST_DATABASE_URL)" vitest_json @workdiary/api api-postgres "TEST_DATABASE_URL=$TEST_DATABASE_URL"
else
  echo; echo "━━ api on PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to run the API tests against a server too)"
fi

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's chromium for the browser tests"
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || true
fi
if [ -x /usr/bin/chromium ]; then
  step "e2e: Playwright in Chromium" env PW_JSON_OUTPUT="$results/e2e.json" pnpm exec playwright test -c e2e/playwright.config.ts
else
  echo; echo "━━ e2e: no /usr/bin/chromium (apt-get install -y chromium), browser journeys NOT run"
  failed_steps+=("e2e (chromium missing)")
fi

node scripts/summarize-results.mjs "$results"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "FAILED steps: ${failed_steps[*]}"
  exit 1
fi
echo "All test steps passed."
