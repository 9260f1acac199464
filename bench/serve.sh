#!/usr/bin/env bash
# Load bench of `distrocompat serve` on loopback with wrk: a small wheel's POST /api/check, GET /api/releases (as
# clients that accept gzip send it, plain, and a filtered listing serialised per request), each run RUNS times
# (medians reported); then memory over 100,000 check requests (RSS and heap after a full GC, before and after);
# next to the obvious alternative, the `check` command once per file. Release data: every pep600 record.
# Usage: bench/serve.sh [RUNS] [SECONDS]   (needs wrk: apt-get install wrk; builds the jar when missing)
#        MEMORY=0 bench/serve.sh ...          skips the 100,000-check memory run
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
secs="${2:-10}"
shared="${DISTROCOMPAT_SHARED:-$here/../shared}"
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)"; exit 2; }
"$here/distrocompat" --version >/dev/null   # builds the jar when it is missing or stale
jar="$here/api/target/distrocompat.jar"
work="$(mktemp -d)"
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

# release data, imported once and kept between bench runs
export DISTROCOMPAT_HOME="${DISTROCOMPAT_BENCH_HOME:-${TMPDIR:-/tmp}/distrocompat-bench-home}"
if [ ! -f "$DISTROCOMPAT_HOME/.imported" ]; then
  java -jar "$jar" import pep600 "$shared/reference/pep600-cache" >/dev/null
  touch "$DISTROCOMPAT_HOME/.imported"
fi

# a small wheel: one C++ extension built here, needing GLIBC and GLIBCXX versions
mkdir -p "$work/w/demo"
printf '#include <string>\n#include <iostream>\nextern "C" int f(){ std::string s("x"); std::cout << s; return (int) s.size(); }\n' > "$work/f.cpp"
g++ -shared -fPIC -O2 -o "$work/w/demo/_f.so" "$work/f.cpp"
wheel="demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"
(cd "$work/w" && python3 -c "
import zipfile
with zipfile.ZipFile('../$wheel', 'w', zipfile.ZIP_DEFLATED) as z:
    z.write('demo/_f.so'); z.writestr('demo-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\n')")
echo "wheel: $wheel, $(stat -c %s "$work/$wheel") bytes"
cat > "$work/post.lua" <<LUA
local f = io.open("$work/$wheel", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/octet-stream"
LUA

port=18089
java ${DISTROCOMPAT_BENCH_JAVA_OPTS:--Xmx1g} -jar "$jar" serve --port "$port" >"$work/access.log" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/serve.err"; exit 1; }
base="http://127.0.0.1:$port"
cells=$(curl -s "$base/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["release_arch_cells"])')
echo "server: pid $server, $cells release x arch cells; wrk -t2 -c32 -d${secs}s, $runs runs each; $(nproc) cores;"\
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
tck=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$server/stat"; }
# wrk's requests/s, p99 latency (ms) and the server's CPU time per request (us) of one run; the CPU time is what
# the load of other processes on this shared machine disturbs least
one() {
  local out rps p99 n c0 c1
  c0=$(cpu)
  out="$(wrk -t2 -c"${conns:-32}" -d"${secs}s" --latency "$@")"
  c1=$(cpu)
  rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  echo "$rps $p99 $(awk -v c="$((c1 - c0))" -v t="$tck" -v n="$n" 'BEGIN {printf "%.0f", c / t * 1e6 / n}')"
}
bench() {
  local name="$1"; shift
  one "$@" >/dev/null  # warm-up
  local results=()
  for _ in $(seq 1 "$runs"); do results+=("$(one "$@")"); done
  local rps p99 us
  rps=$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)
  p99=$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)
  us=$(printf '%s\n' "${results[@]}" | awk '{print $3}' | median)
  printf '%-46s %8.0f req/s  p99 %7.2f ms  server CPU %5d us/req  (runs: %s)\n' "$name" "$rps" "$p99" "$us" \
    "$(printf '%s\n' "${results[@]}" | awk '{printf "%.0f/%.1fms ", $1, $2}')"
}

bench "POST /api/check (small wheel)" -s "$work/post.lua" "$base/api/check?filename=$wheel"
conns=8 bench "POST /api/check (small wheel), 8 connections" -s "$work/post.lua" "$base/api/check?filename=$wheel"
bench "GET /api/releases (Accept-Encoding: gzip)" -H 'Accept-Encoding: gzip' "$base/api/releases"
bench "GET /api/releases (plain, $(curl -s "$base/api/releases" | wc -c) bytes)" "$base/api/releases"
bench "GET /api/releases?status=supported (filtered)" -H 'Accept-Encoding: gzip' "$base/api/releases?status=supported"

# the alternative: the command, once per file
times=()
for _ in $(seq 1 "$runs"); do
  s=$(date +%s%N); java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" check --json --snapshot "$DISTROCOMPAT_HOME/snapshot.bin" "$work/$wheel" >/dev/null || true
  e=$(date +%s%N); times+=($(( (e - s) / 1000000 )))
done
printf '%-46s %10s ms per file (median of %s)\n' "distrocompat check --json (the command)" "$(printf '%s\n' "${times[@]}" | median)" "$runs"

[ "${MEMORY:-1}" = 0 ] && exit 0
# memory over 100,000 checks: resident size and heap after a full GC, before and after
heap() { jcmd "$server" GC.run >/dev/null; sleep 1; jcmd "$server" GC.heap_info | awk '/garbage-first heap|def new generation|total/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'; }
rss() { ps -o rss= -p "$server" | tr -d ' '; }
before_rss=$(rss); before_heap=$(heap)
cat > "$work/count.lua" <<LUA
local f = io.open("$work/$wheel", "rb")
wrk.method = "POST"; wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/octet-stream"
local n = 0
response = function() n = n + 1 end
done = function(summary) io.write(string.format("requests: %d, errors: %d\n", summary.requests,
  summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout)) end
LUA
total=0
while [ "$total" -lt 100000 ]; do
  n=$(wrk -t2 -c32 -d20s -s "$work/count.lua" "$base/api/check?filename=$wheel" | awk '/^requests:/ {gsub(",","",$2); print $2}')
  total=$(( total + n ))
  echo "  after $total checks: RSS $(( $(rss) / 1024 )) MiB"
done
after_rss=$(rss); after_heap=$(heap)
echo "memory over $total checks: RSS $(( before_rss / 1024 )) -> $(( after_rss / 1024 )) MiB; heap after full GC $before_heap -> $after_heap"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server errors logged: $(grep -c 'internal error' "$work/serve.err" || true); access log lines: $(wc -l < "$work/access.log")"
