#!/usr/bin/env bash
# The whole suite N times in a row under a CPU hog, each run on a fresh clone: how #14 checks that
# the README's test command passes on a busy machine the first time. Each run is `.ci/run` (the
# README's scripts/test.sh: unit tests, ITs, container tier, .deb) in a new `git clone` of COMMIT,
# while one `sha256sum /dev/zero` per CPU keeps every core busy. Stops at the first red run.
#
# Usage: scripts/test-under-load.sh [RUNS] [COMMIT] [OUTDIR]
#   RUNS    how many runs (default 5)
#   COMMIT  what to test (default HEAD of this checkout)
#   OUTDIR  where each run's log, the clone and summary.log go (default: a new directory in /tmp)
# Takes about 15 minutes per run on 2 cores. Prints one line per run as it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
COMMIT=$(git rev-parse --short "${2:-HEAD}")
OUT=${3:-$(mktemp -d /tmp/cb-under-load.XXXXXX)}
mkdir -p "$OUT"
REPO=$(pwd)

hogs=()
for _ in $(seq "$(nproc)"); do
  sha256sum /dev/zero & hogs+=($!)
done
trap 'kill "${hogs[@]}" 2>/dev/null' EXIT

echo "under-load: $RUNS runs of .ci/run on $COMMIT with ${#hogs[@]} CPU hogs; logs in $OUT"
for ((i = 1; i <= RUNS; i++)); do
  rm -rf "$OUT/clone"
  git clone -q "$REPO" "$OUT/clone" && git -C "$OUT/clone" checkout -q "$COMMIT"
  start=$(date +%s)
  rc=0
  (cd "$OUT/clone" && bash .ci/run >"$OUT/run$i.log" 2>&1) || rc=$?
  took=$(($(date +%s) - start))
  totals=$(grep -E "Tests run: [0-9]+, Fail" "$OUT/run$i.log" | grep -v " in " | sed 's/\[[A-Z]*\] //' \
    | tr '\n' ';' || true)
  line="run $i/$RUNS rc=$rc $((took / 60))m$((took % 60))s load $(cut -d' ' -f1-3 /proc/loadavg) :: $totals"
  echo "$line" | tee -a "$OUT/summary.log"
  if [[ $rc -ne 0 ]]; then
    echo "under-load: run $i failed, see $OUT/run$i.log" >&2
    exit "$rc"
  fi
done
echo "under-load: $RUNS of $RUNS green"
