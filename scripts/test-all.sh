#!/usr/bin/env bash
# Every test: typecheck, lint, unit and component tests, API tests on PGlite (and on the
# PostgreSQL server named by TEST_DATABASE_URL, when set), then the Playwright journeys.
# Steps that do not depend on each other run at the same time (tsc and ESLint use one core each,
# the two API passes use separate databases); each step's output is printed whole when it ends.
# The browser journeys run alone, last: two servers and Chromium competing with the API passes for
# the cores would only make their waits slower.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
failed_steps=()
started_all=$SECONDS

# together NAME FUNCTION [NAME FUNCTION …]: runs the functions at once, each into its own log.
together() {
  local names=() pids=() logs=()
  echo
  while [ $# -gt 0 ]; do
    local log="$results/step-${#names[@]}.log"
    echo "━━ started: $1"
    ( start=$SECONDS; status=0; "$2" || status=$?; echo "$((SECONDS - start))" >"$log.seconds"; exit "$status" ) >"$log" 2>&1 &
    names+=("$1"); pids+=($!); logs+=("$log")
    shift 2
  done
  for i in "${!pids[@]}"; do
    local status=0
    wait "${pids[$i]}" || status=$?
    echo
    echo "━━ ${names[$i]} ($(cat "${logs[$i]}.seconds") s)"
    cat "${logs[$i]}"
    if [ "$status" -ne 0 ]; then failed_steps+=("${names[$i]}"); fi
    rm -f "${logs[$i]}" "${logs[$i]}.seconds"
  done
}

vitest_json() { # package-filter label [env...]
  local filter="$1" label="$2"; shift 2
  env "$@" pnpm --filter "$filter" exec vitest run --reporter=default --reporter=json --outputFile="$results/$label.json"
}

typecheck() { pnpm run typecheck; }
lint() { pnpm run lint; }
shared_tests() { vitest_json @workdiary/shared shared; }
web_tests() { vitest_json @workdiary/web web; }
api_pglite() { vitest_json @workdiary/api api-pglite TEST_DATABASE_URL=; }
api_postgres() { vitest_json @workdiary/api api-postgres "TEST_DATABASE_URL=$TEST_DATABASE_URL"; }
e2e() { env PW_JSON_OUTPUT="$results/e2e.json" pnpm exec playwright test -c e2e/playwright.config.ts; }

together "typecheck" typecheck "lint" lint "shared: unit tests" shared_tests "web: component tests" web_tests

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  together "api: tests on embedded PGlite" api_pglite "api: tests on PostgreSQL ($TEST_DATABASE_URL)" api_postgres
else
  together "api: tests on embedded PGlite" api_pglite
  echo; echo "━━ api on PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to run the API tests against a server too)"
fi

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's chromium for the browser tests"
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || true
fi
if [ -x /usr/bin/chromium ]; then
  together "e2e: Playwright in Chromium" e2e
else
  echo; echo "━━ e2e: no /usr/bin/chromium (apt-get install -y chromium), browser journeys NOT run"
  failed_steps+=("e2e (chromium missing)")
fi

node scripts/summarize-results.mjs "$results"
echo "wall time: $((SECONDS - started_all)) s"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "FAILED steps: ${failed_steps[*]}"
  exit 1
fi
echo "All test steps passed."
