#!/usr/bin/env bash
# Client benchmark of two camera-bridge jars, alternated in one sitting: A, B, A, B, ...
# Each run is `bench client --json` with the socket baseline, so every run also carries its own
# bridge/socket ratio (the machine's drift inside the run cancels out). Prints one line per run and
# size, then B/A ratios of the medians: frames/s, CPU per frame (process and client threads),
# heap bytes per frame (client threads), and the bridge/socket frames/s ratio.
#
# usage: scripts/bench-client-ab.sh A.jar B.jar [pairs] [extra bench client options...]
set -euo pipefail
a=$1 b=$2 pairs=${3:-3}
shift $(( $# >= 3 ? 3 : $# ))
opts=("$@")
if [ ${#opts[@]} -eq 0 ]; then
  opts=(--sizes 640x480:Mono8,1920x1200:Mono8,2448x2048:BayerRG8 --rounds 3 --frames 1000
        --duration 2s --warmup 3000)
fi
out=$(mktemp)
for ((i = 1; i <= pairs; i++)); do
  for jar in "$a" "$b"; do
    java -jar "$jar" bench client --baseline socket --json "${opts[@]}" 2>/dev/null \
      | grep '^{' | sed "s|^|$jar\t|" >>"$out"
  done
done
python3 - "$out" "$a" "$b" <<'PY'
import json, statistics, sys
path, a, b = sys.argv[1:4]
runs = {}
for line in open(path):
    jar, text = line.rstrip("\n").split("\t", 1)
    d = json.loads(text)
    size = f"{d['width']}x{d['height']} {d['format']}"
    row = {
        "fps": d["frames_per_s"],
        "cpu_us": d["cpu_s_per_frame"] * 1e6,
        "client_cpu_us": d["client_cpu_s_per_frame"] * 1e6,
        "client_heap": d["client_heap_bytes_per_frame"],
        "vs_socket": d["ratios"]["socket"]["frames_per_s"],
    }
    runs.setdefault(size, {}).setdefault(jar, []).append(row)
    print(f"{jar}\t{size}\t" + "  ".join(f"{k}={v:.3f}" for k, v in row.items()),
          "\tload", d["load_average_end"])
print()
# Drift over the sitting hits neighbouring runs alike: the median of the ratios of each A run and
# the B run right after it is the figure to trust; the ratio of the medians is shown beside it.
def pair_ratio(by_jar, key):
    pairs = zip(by_jar[a], by_jar[b])
    return statistics.median(rb[key] / ra[key] for ra, rb in pairs)
print("| frame | pairs | B÷A frames/s (median of pairs) | B÷A CPU/frame (median of pairs) "
      "| B÷A client CPU/frame (median of pairs) |")
print("|---|---:|---:|---:|---:|")
for size, by_jar in runs.items():
    print(f"| {size} | {min(len(by_jar[a]), len(by_jar[b]))} | {pair_ratio(by_jar, 'fps'):.3f}× "
          f"| {pair_ratio(by_jar, 'cpu_us'):.3f}× | {pair_ratio(by_jar, 'client_cpu_us'):.3f}× |")
print()
print("| frame | B÷A frames/s | B÷A CPU/frame | B÷A client CPU/frame | A client heap B/frame"
      " | B client heap B/frame | bridge÷socket frames/s A → B |")
print("|---|---:|---:|---:|---:|---:|---:|")
for size, by_jar in runs.items():
    med = {j: {k: statistics.median(r[k] for r in rows) for k in rows[0]}
           for j, rows in by_jar.items()}
    A, B = med[a], med[b]
    print(f"| {size} | {B['fps'] / A['fps']:.3f}× | {B['cpu_us'] / A['cpu_us']:.3f}× "
          f"| {B['client_cpu_us'] / A['client_cpu_us']:.3f}× | {A['client_heap']:,.0f} "
          f"| {B['client_heap']:,.0f} | {A['vs_socket']:.2f} → {B['vs_socket']:.2f} |")
PY
rm -f "$out"
