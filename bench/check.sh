#!/usr/bin/env bash
# Times `distrocompat check` end to end on a large wheel assembled from this machine's shared libraries, next to
# `readelf -V` over the same files, and one CheckQuery over every stored release x arch.
# Usage: bench/check.sh [RUNS]   (needs the jar: ./distrocompat --help builds it; and test classes: mvn test-compile)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="$here/api/target/distrocompat.jar"
shared="${DISTROCOMPAT_SHARED:-$here/../shared}"

# 1. a ~100 MB wheel: tens of ELF files from /usr/lib and the JDK, stored (not deflated) like big wheels' .so files
mkdir -p "$work/w/pkg" "$work/w/pkg.libs"
total=0
while read -r f; do
  [ "$total" -gt 100000000 ] && break
  head -c 4 "$f" | grep -q ELF || continue
  cp "$f" "$work/w/pkg/$(basename "$f")"; total=$(( total + $(stat -c %s "$f") ))
done < <(find /usr/lib/x86_64-linux-gnu /usr/lib/jvm -maxdepth 5 -type f -name '*.so*' -size +200k -size -12M 2>/dev/null | sort)
(cd "$work/w" && total=$(du -sm . | cut -f1) && echo "ELF files: $(ls pkg | wc -l), ${total} MB uncompressed")
(cd "$work/w" && python3 - <<'PY'
import zipfile, os
with zipfile.ZipFile("../big-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for root, _, files in os.walk("."):
        for f in sorted(files):
            z.write(os.path.join(root, f), os.path.relpath(os.path.join(root, f), "."))
PY
)
wheel="$work/big-1.0-cp311-cp311-manylinux_2_17_x86_64.whl"
echo "wheel: $(du -m "$wheel" | cut -f1) MB"

# 2. release data: every pep600 record as an imported cell
cp_test="$here/core/target/test-classes:$jar"
export DISTROCOMPAT_HOME="$work/home"
mkdir -p "$DISTROCOMPAT_HOME"
java -cp "$cp_test" org.distrocompat.core.bench.CheckBench snapshot "$shared/reference/pep600-cache" "$DISTROCOMPAT_HOME/snapshot.bin"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

echo "check (end to end, java -jar, median of $runs): $(for i in $(seq "$runs"); do ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$jar" check "$wheel"; done | median) ms"
echo "check --json (median of $runs): $(for i in $(seq "$runs"); do ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" check --json "$wheel"; done | median) ms"
small="$work/small-1.0-py3-none-manylinux_2_17_x86_64.whl"
(cd "$work/w" && python3 -c "
import zipfile; z=zipfile.ZipFile('$small','w',zipfile.ZIP_DEFLATED); z.write('/usr/lib/x86_64-linux-gnu/libz.so.1','small/_z.so'); z.close()")
echo "small wheel check (median of $runs): $(for i in $(seq "$runs"); do ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" check "$small"; done | median) ms"
echo "unzip -p | nothing (decompression only, median of $runs): $(for i in $(seq "$runs"); do ms sh -c "unzip -p '$wheel' > /dev/null"; done | median) ms"
echo "readelf -V over the same (extracted) files (median of $runs): $(for i in $(seq "$runs"); do ms sh -c "readelf -V $work/w/pkg/* > /dev/null"; done | median) ms"
java -cp "$cp_test" org.distrocompat.core.bench.CheckBench query "$DISTROCOMPAT_HOME/snapshot.bin" "$wheel" 200
