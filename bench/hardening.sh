#!/usr/bin/env bash
# Side by side, the costs of issue 14's hardening: two jars (before and after) on the same inputs, medians of RUNS.
#   releases        embedded server start + stop on a warm home (binaries verified against their manifest on every
#                   start; the snapshot's change counter compared on close)
#   check small     a one-library wheel (the zip now read through its central directory, layout checked)
#   check big       a ~100 MB wheel of this machine's shared libraries (deflated, as big wheels are)
#   check 414 MB    a wheel whose one library is 414 MB (spilled to a temporary file and mapped, not held in memory)
# Usage: bench/hardening.sh OLD.jar NEW.jar [RUNS]   (needs python3, ../shared/reference/pep600-cache)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
old="$1"; new="$2"; runs="${3:-5}"
shared="${DISTROCOMPAT_SHARED:-$here/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

# inputs
mkdir -p "$work/x/x86_64" "$work/w/pkg"
ln -s "$shared/reference/pep600-cache/x86_64/"*.json "$work/x/x86_64/"
total=0
while read -r f; do
  [ "$total" -gt 100000000 ] && break
  head -c 4 "$f" | grep -q ELF || continue
  cp "$f" "$work/w/pkg/$(basename "$f")"; total=$(( total + $(stat -c %s "$f") ))
done < <(find /usr/lib/x86_64-linux-gnu /usr/lib/jvm -maxdepth 5 -type f -name '*.so*' -size +200k -size -12M 2>/dev/null | sort)
python3 - "$work" <<'PY'
import os, sys, zipfile
work = sys.argv[1]
with zipfile.ZipFile(f"{work}/big-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for f in sorted(os.listdir(f"{work}/w/pkg")):
        z.write(f"{work}/w/pkg/{f}", f"pkg/{f}")
with zipfile.ZipFile(f"{work}/small-1.0-py3-none-manylinux_2_17_x86_64.whl", "w", zipfile.ZIP_DEFLATED) as z:
    z.write("/usr/lib/x86_64-linux-gnu/libz.so.1", "small/_z.so")
lib = open("/usr/lib/x86_64-linux-gnu/libz.so.1", "rb").read()
with zipfile.ZipFile(f"{work}/huge-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("huge/lib/libhuge.so", "w", force_zip64=True) as f:
        f.write(lib)
        zero = bytes(1 << 20)
        for _ in range(414 - len(lib) // (1 << 20)):
            f.write(zero)
PY

for v in old new; do
  DISTROCOMPAT_HOME="$work/home-$v" java -jar "${!v}" import pep600 "$work/x" >/dev/null
  DISTROCOMPAT_HOME="$work/home-$v" java -jar "${!v}" releases >/dev/null
done

# old and new take turns, so that the machine's load drifts over both alike
quick=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
declare -A times
for i in $(seq "$runs"); do
  for v in old new; do
    export DISTROCOMPAT_HOME="$work/home-$v"
    jar="${!v}"
    times[$v.releases]+="$(ms java -jar "$jar" releases) "
    times[$v.small]+="$(ms java "${quick[@]}" -jar "$jar" check "$work/small-1.0-py3-none-manylinux_2_17_x86_64.whl") "
    times[$v.big]+="$(ms java "${quick[@]}" -jar "$jar" check "$work/big-1.0-cp311-cp311-manylinux_2_17_x86_64.whl") "
    times[$v.huge]+="$(ms java -jar "$jar" check "$work/huge-1.0-cp311-cp311-manylinux_2_17_x86_64.whl") "
  done
done
for v in old new; do
  export DISTROCOMPAT_HOME="$work/home-$v"
  /usr/bin/time -f %M -o "$work/rss" java -jar "${!v}" check "$work/huge-1.0-cp311-cp311-manylinux_2_17_x86_64.whl" \
      >/dev/null 2>&1 || true
  m() { tr ' ' '\n' <<<"${times[$v.$1]}" | grep . | median; }
  echo "$v: releases $(m releases) ms | check small $(m small) ms | check big $(m big) ms |" \
       "check 414 MB library $(m huge) ms, max RSS $(tail -1 "$work/rss") KB"
done
