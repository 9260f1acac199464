#!/usr/bin/env bash
# `distrocompat check` side by side with `auditwheel show` (the reference, ../shared/tools/auditwheel) in one run:
#   small  one small wheel (the corpus' plain extension)
#   big    one wheel of real large shared libraries from this machine (up to six of 8-60 MB each, ~170 MB here)
#   batch  15 corpus wheels: one `check` call against 15 `auditwheel show` calls
# Each case runs RUNS times (default 7), the two tools alternating; medians of wall time (what a user waits) and of
# CPU time (user+sys: steadier on a shared machine) are printed with the ratios.
# Usage: bench/check-latency.sh [RUNS]
# Needs: the jar (./distrocompat --help builds it), core's test classes (mvn -o -q -pl core -am test-compile), the
# reference auditwheel and its Python deps (apt-get install python3-pyelftools python3-packaging), /usr/bin/time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
shared="${DISTROCOMPAT_SHARED:-$here/../shared}"
aw="$shared/tools/auditwheel"
corpus="$here/core/src/test/corpus/wheels"
[ -x "$aw" ] || { echo "bench: $aw is absent" >&2; exit 2; }
/usr/bin/python3 -c 'import elftools, packaging' 2>/dev/null \
  || { echo "bench: auditwheel needs python3-pyelftools and python3-packaging" >&2; exit 2; }
[ -f "$here/core/target/test-classes/org/distrocompat/core/bench/CheckBench.class" ] \
  || { echo "bench: run 'mvn -o -q -pl core -am test-compile' first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# release data: every pep600 record as an imported cell, in a home of its own (no database is started)
export DISTROCOMPAT_HOME="$work/home"
mkdir -p "$DISTROCOMPAT_HOME"
"$here/distrocompat" --help >/dev/null   # builds the jar if needed
# start-up caches are recorded from a command's first run: record check's from the small wheel below, in a cache
# of the bench's own
export XDG_CACHE_HOME="$work/cache"
java -cp "$here/core/target/test-classes:$here/api/target/distrocompat.jar" org.distrocompat.core.bench.CheckBench \
  snapshot "$shared/reference/pep600-cache" "$DISTROCOMPAT_HOME/snapshot.bin" >/dev/null

small="$corpus/plain-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
batch=()
for w in plain threads cxx zint fpe pylink isabase isav2 isav3 isav4 testsimple mplain arm64 armhf core; do
  batch+=("$(ls "$corpus/$w"-*.whl)")
done

# the big wheel: the corpus extension and the largest 8-60 MB libraries of this machine in bigwheel.libs/
mkdir -p "$work/big/bigwheel" "$work/big/bigwheel.libs"
unzip -q -o "$small" 'plain/_plain.cpython-312-x86_64-linux-gnu.so' -d "$work/ext"
cp "$work/ext/plain/_plain.cpython-312-x86_64-linux-gnu.so" "$work/big/bigwheel/"
find /usr/lib/x86_64-linux-gnu /usr/lib/llvm-*/lib -maxdepth 1 -type f -name '*.so*' -size +8M -size -60M \
    -printf '%s %p\n' 2>/dev/null | sort -rn | head -n 6 | while read -r _ f; do cp "$f" "$work/big/bigwheel.libs/"; done
bigname="bigwheel-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"
(cd "$work/big" && /usr/bin/python3 - "$work/$bigname" <<'PY'
import base64, hashlib, os, sys, zipfile
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(".") for f in fs)
record = []
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for f in files:
        data = open(f, "rb").read()
        name = os.path.relpath(f, ".")
        z.writestr(name, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    z.writestr("bigwheel-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: bigwheel\nVersion: 1.0\n")
    z.writestr("bigwheel-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\n"
               "Tag: cp312-cp312-manylinux_2_17_x86_64\n")
    record += ["bigwheel-1.0.dist-info/METADATA,,", "bigwheel-1.0.dist-info/WHEEL,,", "bigwheel-1.0.dist-info/RECORD,,"]
    z.writestr("bigwheel-1.0.dist-info/RECORD", "\n".join(record) + "\n")
PY
)
big="$work/$bigname"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "big wheel: $(du -m "$big" | cut -f1) MB, $(ls "$work/big/bigwheel.libs" | wc -l) libraries of" \
  "$(du -sm "$work/big" | cut -f1) MB: $(ls "$work/big/bigwheel.libs" | tr '\n' ' ')"
echo "batch: ${#batch[@]} wheels"

# warm both: the launcher records its start-up cache on the first run (JDK 24+: the AOT cache, recorded and built
# in the background; JDK 17: the CDS archive)
"$here/distrocompat" check "$small" >/dev/null 2>&1 || true
for i in $(seq 90); do
  [ -n "$(find "$XDG_CACHE_HOME" -name 'check.aot' -o -name 'check.jsa' 2>/dev/null)" ] && break
  sleep 1
done
"$aw" show "$small" >/dev/null 2>&1 || true

# one timed run: "wall_ms cpu_ms" (a claimed tag that is not accurate exits 1: only the time counts here)
timed() {
  /usr/bin/time -o "$work/t" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/t" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
}
printf '#!/bin/sh\nfor w in "$@"; do "%s" show "$w"; done\n' "$aw" > "$work/aw-batch"
chmod +x "$work/aw-batch"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

report() { # name, then the result files of auditwheel and distrocompat
  local name="$1" a="$2" d="$3" aw_w aw_c dc_w dc_c
  aw_w=$(cut -d' ' -f1 "$a" | median); aw_c=$(cut -d' ' -f2 "$a" | median)
  dc_w=$(cut -d' ' -f1 "$d" | median); dc_c=$(cut -d' ' -f2 "$d" | median)
  printf '%-6s auditwheel %6d ms wall %6d ms cpu | distrocompat %6d ms wall %6d ms cpu | ' "$name" "$aw_w" "$aw_c" "$dc_w" "$dc_c"
  awk -v aw="$aw_w" -v dc="$dc_w" -v awc="$aw_c" -v dcc="$dc_c" 'BEGIN {
      printf "distrocompat/auditwheel wall %.2fx, cpu %.2fx (auditwheel/distrocompat wall %.1fx)\n", dc/aw, dcc/awc, aw/dc }'
}

for i in $(seq "$runs"); do
  timed "$aw" show "$small" >> "$work/small.aw"
  timed "$here/distrocompat" check "$small" >> "$work/small.dc"
  timed "$aw" show "$big" >> "$work/big.aw"
  timed "$here/distrocompat" check "$big" >> "$work/big.dc"
  timed "$work/aw-batch" "${batch[@]}" >> "$work/batch.aw"
  timed "$here/distrocompat" check "${batch[@]}" >> "$work/batch.dc"
done
echo "start-up cache of check: $(find "$XDG_CACHE_HOME" -name 'check.aot' -o -name 'check.jsa' 2>/dev/null)"
echo "medians of $runs runs, alternating (load average now $(cut -d' ' -f1-3 /proc/loadavg)):"
report small "$work/small.aw" "$work/small.dc"
report big "$work/big.aw" "$work/big.dc"
report batch "$work/batch.aw" "$work/batch.dc"
echo "verdicts on the big wheel: auditwheel $("$aw" show --json "$big" 2>/dev/null | /usr/bin/python3 -c \
  'import json,sys; print(json.load(sys.stdin)["overall_tag"])'), distrocompat $( { "$here/distrocompat" check --json "$big" \
  || true; } | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["overall_tag"])')"
/usr/bin/time -o "$work/rss.aw" -f '%M' "$aw" show "$big" >/dev/null 2>&1 || true
/usr/bin/time -o "$work/rss.dc" -f '%M' "$here/distrocompat" check "$big" >/dev/null 2>&1 || true
echo "peak RSS on the big wheel: auditwheel $(tail -n 1 "$work/rss.aw") KB, distrocompat $(tail -n 1 "$work/rss.dc") KB"
