#!/usr/bin/env bash
# Soak test: runs the whole service ('camera-bridge demo': a fake GigE camera process -> Aravis ->
# the same Bridge as 'run' -> the built-in PEKAT simulator) for a long time and samples, every
# INTERVAL seconds, the process's RSS, Java heap after a full GC, threads, open file descriptors,
# direct buffer memory, and the service's own frames-in-flight and free-buffer gauges from /metrics.
# At the end it prints a verdict per series: flat, or growing with the slope per hour.
#
# Usage: scripts/soak.sh [DURATION] [FPS] [OUTDIR]
#   DURATION  e.g. 30m (default), 2h; any duration 'camera-bridge demo --duration' accepts
#   FPS       camera frame rate (default 10)
#   OUTDIR    where the samples (soak.csv), the demo's output and its journal go
#             (default: a new directory under /tmp)
# Environment: JAR (default camera-bridge/target/camera-bridge.jar), INTERVAL (default 10 s).
# Needs: Java 17 (with jcmd), curl, awk, aravis-tools; a built jar ('mvn -DskipTests package').
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-30m}
FPS=${2:-10}
OUT=${3:-$(mktemp -d /tmp/cb-soak.XXXXXX)}
JAR=${JAR:-camera-bridge/target/camera-bridge.jar}
INTERVAL=${INTERVAL:-10}

[[ -f $JAR ]] || { echo "soak: $JAR not found; build it with 'mvn -DskipTests package'" >&2; exit 2; }
for tool in jcmd curl awk; do
  command -v "$tool" >/dev/null || { echo "soak: '$tool' is needed (install a JDK / curl / awk)" >&2; exit 2; }
done
mkdir -p "$OUT"
CSV=$OUT/soak.csv
LOG=$OUT/demo.out

# The heap is capped so that a leak shows as growth towards the cap instead of hiding in a huge
# default heap; NMT is off (its own overhead would blur the RSS figure).
java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$JAR" demo --duration "$DURATION" --frame-rate "$FPS" --dir "$OUT/run" \
  >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' EXIT

METRICS=""
for _ in $(seq 1 120); do
  METRICS=$(sed -n 's|^  metrics: *\(http://[^ ]*/metrics\).*|\1|p' "$LOG" | head -1)
  [[ -n $METRICS ]] && break
  kill -0 "$PID" 2>/dev/null || { echo "soak: the demo exited early:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 1
done
[[ -n $METRICS ]] || { echo "soak: the demo printed no metrics address within 120 s" >&2; exit 1; }
echo "soak: pid $PID, $METRICS, duration $DURATION at $FPS fps, samples every ${INTERVAL}s -> $CSV"

# Sum of every sample of one Prometheus series (all tag combinations), or NaN when absent.
metric() {
  awk -v name="$1" '$1 == name || index($1, name "{") == 1 { s += $NF; n++ }
    END { if (n) printf "%.0f", s; else printf "NaN" }' <<<"$2"
}

echo "elapsed_s,rss_kib,heap_after_gc_kib,threads,fds,direct_bytes,in_flight,buffers_free,acquired,results,dropped" >"$CSV"
START=$(date +%s)
while kill -0 "$PID" 2>/dev/null; do
  now=$(date +%s)
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$PID/status" 2>/dev/null) || break
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$PID/status" 2>/dev/null) || break
  fds=$(find "/proc/$PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  jcmd "$PID" GC.run >/dev/null 2>&1 || break
  # Read right after the forced full GC: the heap that is still referenced, from the service's
  # own JVM metrics (whatever the collector, all heap pools summed).
  body=$(curl -fsS --max-time 5 "$METRICS" 2>/dev/null) || body=""
  heap=$(awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF; n++ } END { if (n) printf "%.0f", s / 1024 }' <<<"$body")
  direct=$(awk '/^jvm_buffer_memory_used_bytes\{.*id="direct"/ { print $NF; exit }' <<<"$body")
  printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$((now - START))" "$rss" "${heap:-NaN}" "$threads" "$fds" \
    "${direct:-NaN}" "$(metric camerabridge_frames_in_flight "$body")" \
    "$(metric camerabridge_buffers_free "$body")" "$(metric camerabridge_frames_acquired_total "$body")" \
    "$(metric camerabridge_results_total "$body")" "$(metric camerabridge_frames_dropped_total "$body")" >>"$CSV"
  sleep "$INTERVAL"
done
wait "$PID" && STATUS=0 || STATUS=$?
trap - EXIT
echo "soak: the demo exited with status $STATUS"
tail -8 "$LOG"

# Verdict per series, over the samples after the first 10 % (JIT, pools and caches warm up):
# least-squares slope, projected over the window, against a tolerance (5 % of the mean, with a
# floor per series). The counters (acquired, results, dropped) are reported as rates instead.
awk -F, '
  NR == 1 { for (i = 1; i <= NF; i++) col[i] = $i; ncol = NF; next }
  { n++; for (i = 1; i <= ncol; i++) v[n, i] = $i }
  END {
    if (n < 6) { print "soak: too few samples for a verdict (" n ")"; exit 1 }
    floor["rss_kib"] = 16384; floor["heap_after_gc_kib"] = 8192; floor["threads"] = 2
    floor["fds"] = 4; floor["direct_bytes"] = 1048576; floor["in_flight"] = 2; floor["buffers_free"] = 2
    first = int(n / 10) + 1
    window = v[n, 1] - v[first, 1]
    printf "\nsoak verdict over %d samples, %.0f s (first %d dropped as warm-up):\n", n - first + 1, window, first - 1
    growing = 0
    for (i = 2; i <= ncol; i++) {
      name = col[i]
      sx = sy = sxx = sxy = m = 0; lo = ""; hi = ""
      for (k = first; k <= n; k++) {
        if (v[k, i] == "NaN" || v[k, i] == "") continue
        x = v[k, 1]; y = v[k, i] + 0; m++
        sx += x; sy += y; sxx += x * x; sxy += x * y
        if (lo == "" || y < lo) lo = y; if (hi == "" || y > hi) hi = y
      }
      if (m < 3) { printf "  %-18s no data\n", name; continue }
      slope = (m * sxy - sx * sy) / (m * sxx - sx * sx)
      mean = sy / m
      if (name ~ /^(acquired|results|dropped)$/) {
        printf "  %-18s %.2f per second\n", name, slope; continue
      }
      tol = 0.05 * (mean < 0 ? -mean : mean); if (tol < floor[name]) tol = floor[name]
      verdict = (slope * window > tol) ? "GROWING" : "flat"
      if (verdict == "GROWING") growing++
      printf "  %-18s %-7s mean %.0f, min %.0f, max %.0f, slope %+.1f per hour\n", name, verdict, mean, lo, hi, slope * 3600
    }
    print (growing ? "soak: GROWING (" growing " series)" : "soak: flat")
    exit growing ? 1 : 0
  }' "$CSV"
