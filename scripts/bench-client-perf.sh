#!/usr/bin/env bash
# Per-thread syscalls and CPU of `bench client` during one measured round of the bridge and one of
# the socket baseline (perf stat --per-thread, tracepoints: run as root or with
# kernel.perf_event_paranoid <= -1). Prints, per frame, each busy thread's syscall counts and
# task-clock milliseconds; the frame count is the in-process simulator's writev count (one
# response per frame).
#
# usage: scripts/bench-client-perf.sh JAR WxH:FORMAT [round (3)] [java options...]
set -euo pipefail
jar=$1 size=$2 round=${3:-3}
shift $(( $# >= 3 ? 3 : 2 ))
w=${size%%x*} rest=${size#*x}
h=${rest%%:*} fmt=${rest#*:}
events=task-clock,context-switches
for s in write writev sendto read recvfrom epoll_pwait2 epoll_wait epoll_ctl futex; do
  events+=,syscalls:sys_enter_$s
done
dir=$(mktemp -d)
java "$@" -jar "$jar" bench client --width "$w" --height "$h" --format "$fmt" --baseline socket \
  --rounds "$round" --frames 100000000 --duration 6s --warmup 3000 >"$dir/log" 2>&1 &
pid=$!
for target in bridge socket; do
  until grep -q "round $round/$round $target" "$dir/log"; do
    kill -0 $pid 2>/dev/null || { cat "$dir/log"; exit 1; }
    sleep 0.2
  done
  sleep 1
  perf stat --per-thread -p $pid -e "$events" -x, -o "$dir/$target" -- sleep 3
done
wait $pid
grep -A3 '^target' "$dir/log"
python3 - "$dir" <<'PY'
import collections, sys
for target in ("bridge", "socket"):
    threads = collections.defaultdict(dict)
    for line in open(f"{sys.argv[1]}/{target}"):
        cols = line.strip().split(",")
        if len(cols) < 4 or line.startswith("#"):
            continue
        try:
            threads[cols[0]][cols[3].replace("syscalls:sys_enter_", "")] = float(cols[1])
        except ValueError:
            pass
    frames = max(t.get("writev", 0) for name, t in threads.items()
                 if name.startswith("multiThreadIoEv"))
    print(f"{target}: {frames:.0f} frames in the window; per frame:")
    for name, t in sorted(threads.items(), key=lambda kv: -kv[1].get("task-clock", 0)):
        if t.get("task-clock", 0) >= 0.02 * frames:
            print(f"  {name:28s} " + " ".join(f"{k}={v / frames:.3g}" for k, v in t.items() if v))
PY
rm -rf "$dir"
