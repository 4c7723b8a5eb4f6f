#!/usr/bin/env bash
# Runs the test suite N times in a row while a CPU-heavy job keeps one core busy, and prints each
# run's result and wall time, then a summary line:
#
#   bash scripts/suite-under-load.sh 10            # the whole suite, ten times
#   bash scripts/suite-under-load.sh 1 test/store  # extra arguments go to vitest (a folder, ...)
#
# Builds once first; the runs use that build (CRMSCRIPT_TUI_TEST_BUILT=1, see test/setup/build.ts).
# The busy job is a Node busy loop on one core (LOAD_JOB overrides it, e.g. LOAD_JOB='npm run build'
# in a loop), started before the first run and stopped when this script ends. Starts a throw-away
# PostgreSQL server (scripts/pg-test-server.sh) unless $CRMSCRIPT_TUI_TEST_PG is set. Exit status 0
# only when every run passed. Each run's JSON report is kept in .tmp/under-load-I.json.
set -uo pipefail
cd "$(dirname "$0")/.."
n="${1:-}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bash scripts/suite-under-load.sh N [vitest arguments]" >&2
  exit 2
fi
shift
mkdir -p .tmp
export CI="${CI:-true}"

npm run build --silent || { echo "the build failed" >&2; exit 1; }
export CRMSCRIPT_TUI_TEST_BUILT=1

load_pid=""
pg_dir=""
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null
  [ -n "$pg_dir" ] && bash scripts/pg-test-server.sh stop "$pg_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${CRMSCRIPT_TUI_TEST_PG:-}" ]; then
  if pg_env=$(bash scripts/pg-test-server.sh start); then
    eval "$pg_env"
    pg_dir="$CRMSCRIPT_TUI_TEST_PG_DIR"
  else
    echo "warning: could not start a PostgreSQL test server; the PostgreSQL suites will fail" >&2
  fi
fi

job="${LOAD_JOB:-node -e 'for (;;) {}'}"
# the loop ends its current job when it is stopped (TERM), so no busy process is left behind
bash -c 'trap "kill \$c 2>/dev/null; exit 0" TERM; while :; do '"$job"' & c=$!; wait $c; done' >/dev/null 2>&1 &
load_pid=$!
echo "CPU-heavy job running (pid $load_pid): $job"

passed_runs=0
failed_runs=0
for i in $(seq 1 "$n"); do
  report=".tmp/under-load-$i.json"
  rm -f "$report"
  start=$(date +%s)
  npx vitest run --reporter=dot --reporter=json --outputFile="$report" "$@" > ".tmp/under-load-$i.log" 2>&1
  status=$?
  secs=$(( $(date +%s) - start ))
  read -r t_pass t_fail < <(node -e '
    try {
      const r = require(process.argv[1]);
      console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites || 0));
    } catch { console.log(0, 1); }' "$PWD/$report")
  if [ "$status" -ne 0 ] && [ "$t_fail" -eq 0 ]; then t_fail=1; fi
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ "$t_fail" -eq 0 ]; then
    passed_runs=$((passed_runs + 1)); verdict=passed
  else
    failed_runs=$((failed_runs + 1)); verdict=FAILED
    # the failed tests' names, from the run's log
    grep -E '^ *(FAIL|×) ' ".tmp/under-load-$i.log" | head -n 20
  fi
  echo "run $i/$n: $verdict ($t_pass passed, $t_fail failed) in ${secs} s, load average $load"
done
echo "$n runs under load: $passed_runs passed, $failed_runs failed"
[ "$failed_runs" -eq 0 ]
