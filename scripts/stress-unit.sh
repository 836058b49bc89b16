#!/usr/bin/env bash
# Runs the unit suite RUNS times in a row (default 5) with a CPU hog beside it, to show that no unit test depends on
# the machine being idle (issue 16). The hog is `stress --cpu N` when installed (apt-get install stress), otherwise N
# busy Node processes: either way N cores stay at 100 % for the whole run.
#   bash scripts/stress-unit.sh [RUNS] [CPUS]
# Prints one line per run with its `# pass` / `# fail` counts and its time, then exits 1 if any run failed.
# Logs: ${AIRLOCK_STRESS_LOGS:-/tmp/airlock-stress}/run-K.log
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
cpus=${2:-2}
logs=${AIRLOCK_STRESS_LOGS:-/tmp/airlock-stress}
mkdir -p "$logs"

hog_pids=()
if command -v stress >/dev/null 2>&1; then
  stress --cpu "$cpus" >/dev/null 2>&1 &
  hog_pids+=($!)
  hog="stress --cpu $cpus"
else
  for _ in $(seq "$cpus"); do
    node -e 'for (;;) {}' &
    hog_pids+=($!)
  done
  hog="$cpus busy node processes"
fi
trap 'kill "${hog_pids[@]}" 2>/dev/null; pkill -P "${hog_pids[0]}" 2>/dev/null' EXIT

echo "unit suite x$runs beside $hog ($(nproc) cores)"
failed=0
for k in $(seq "$runs"); do
  start=$(date +%s)
  bash scripts/with-keyring.sh node scripts/run-tests.mjs test/unit >"$logs/run-$k.log" 2>&1
  status=$?
  pass=$(grep -E '^# pass' "$logs/run-$k.log" | tail -1 | awk '{print $3}')
  fail=$(grep -E '^# fail' "$logs/run-$k.log" | tail -1 | awk '{print $3}')
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "run $k: exit $status, pass ${pass:-?}, fail ${fail:-?}, $(( $(date +%s) - start )) s, load $load"
  if [ "$status" -ne 0 ]; then
    failed=1
    grep -E '^not ok' "$logs/run-$k.log" | head -20
  fi
done
exit "$failed"
