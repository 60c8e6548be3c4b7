#!/usr/bin/env bash
# Every test: typecheck, lint, unit and component tests, API tests on PGlite (and on the
# PostgreSQL server named by TEST_DATABASE_URL, when set), and the Playwright journeys.
# The journeys start first and run beside everything else: they take the longest and mostly wait
# (one journey at a time, for the browser and the server), so run alone at the end they left a
# core idle for minutes. Beside them: typecheck, lint, unit and component tests at once, then the
# two API passes at once (separate databases). Each step's output is printed whole when it ends.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
failed_steps=()
started_all=$SECONDS
# busy_ticks: the machine's busy CPU time so far (all cores, /proc/stat), in clock ticks.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat 2>/dev/null || echo 0; }
busy_at_start=$(busy_ticks)
step_names=() step_pids=() step_logs=()

# start NAME FUNCTION: runs the function in the background, its output into a log of its own.
start() {
  local log="$results/step-${#step_names[@]}.log"
  echo "━━ started: $1"
  ( start=$SECONDS; status=0; "$2" || status=$?; echo "$((SECONDS - start))" >"$log.seconds"; cpu_seconds >"$log.cpu"; exit "$status" ) >"$log" 2>&1 &
  step_names+=("$1"); step_pids+=($!); step_logs+=("$log")
}

# cpu_seconds: the CPU time (user + system) of the processes this step ran and waited for, in
# whole seconds (bash's `times`, children line). A database server's own CPU is not in it.
cpu_seconds() {
  local file; file="$(mktemp)"
  times >"$file" # a builtin in this shell: in a pipeline it would report a subshell's children
  tail -n1 "$file" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%d", t }'
  rm -f "$file"
}

# finish NAME: waits for that step and prints its output.
finish() {
  for i in "${!step_names[@]}"; do
    [ "${step_names[$i]}" = "$1" ] || continue
    local status=0
    wait "${step_pids[$i]}" || status=$?
    echo
    echo "━━ ${step_names[$i]} ($(cat "${step_logs[$i]}.seconds") s, CPU $(cat "${step_logs[$i]}.cpu" 2>/dev/null || echo '?') s)"
    cat "${step_logs[$i]}"
    if [ "$status" -ne 0 ]; then failed_steps+=("${step_names[$i]}"); fi
    rm -f "${step_logs[$i]}" "${step_logs[$i]}.seconds" "${step_logs[$i]}.cpu"
  done
}

# together NAME FUNCTION [NAME FUNCTION …]: runs the functions at once and waits for all of them.
together() {
  local names=()
  echo
  while [ $# -gt 0 ]; do start "$1" "$2"; names+=("$1"); shift 2; done
  for name in "${names[@]}"; do finish "$name"; done
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

# Chromium, and its headless shell (the journeys run in it when it is there: a fifth less CPU).
if { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/lib/chromium/chromium-headless-shell ]; } && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's chromium and chromium-headless-shell for the browser tests"
  (apt-get update -qq && apt-get install -y -qq chromium chromium-headless-shell) >/dev/null 2>&1 || true
fi
e2e_started=false
if [ -x /usr/lib/chromium/chromium-headless-shell ] || [ -x /usr/bin/chromium ]; then
  echo
  start "e2e: Playwright in Chromium" e2e
  e2e_started=true
fi

together "typecheck" typecheck "lint" lint "shared: unit tests" shared_tests "web: component tests" web_tests

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  together "api: tests on embedded PGlite" api_pglite "api: tests on PostgreSQL ($TEST_DATABASE_URL)" api_postgres
else
  together "api: tests on embedded PGlite" api_pglite
  echo; echo "━━ api on PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to run the API tests against a server too)"
fi

if [ "$e2e_started" = true ]; then
  finish "e2e: Playwright in Chromium"
else
  echo; echo "━━ e2e: no Chromium (apt-get install -y chromium chromium-headless-shell), browser journeys NOT run"
  failed_steps+=("e2e (chromium missing)")
fi

node scripts/summarize-results.mjs "$results"
wall=$((SECONDS - started_all))
echo "wall time: $wall s; the machine's CPU busy $(( ($(busy_ticks) - busy_at_start) / $(getconf CLK_TCK) )) of $((wall * $(nproc))) core-seconds (everything running, the database server too)"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "FAILED steps: ${failed_steps[*]}"
  exit 1
fi
echo "All test steps passed."
