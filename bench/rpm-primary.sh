#!/usr/bin/env bash
# Parses a ~40 MiB primary.xml (real format: the rpm-md fixture's entries, repeated under other names) with the
# crawler's streaming StAX scanner and, side by side, with a DOM parse of the whole document (the obvious
# alternative), each in a JVM of its own with -Xmx256m, then again with -Xmx2g. Prints the median time and the
# peak heap of each. Usage: bench/rpm-primary.sh [RUNS]   (needs: mvn -o test-compile -pl crawler -am)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$here" && mvn -q -o dependency:build-classpath -pl crawler -Dmdep.outputFile="$work/cp.txt" >/dev/null)
cp="$here/crawler/target/classes:$here/crawler/target/test-classes:$(cat "$work/cp.txt")"
main=org.distrocompat.crawler.source.rpm.PrimaryHeap
template="$(ls "$here"/crawler/src/test/resources/fixtures/rpm-md/releases/40/Everything/x86_64/os/repodata/*primary.xml.zst)"
java -cp "$cp" "$main" generate "$template" "$work/primary.xml.gz" 40
echo "primary.xml.gz: $(du -m "$work/primary.xml.gz" | cut -f1) MiB compressed"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for heap in 256m 2g; do
  for mode in stax dom; do
    : >"$work/ms"; : >"$work/peak"; fails=0
    for _ in $(seq "$runs"); do
      if out="$(java -Xmx$heap -cp "$cp" "$main" "$mode" "$work/primary.xml.gz" 2>&1)"; then
        echo "$out" | sed -n 's/.* ms=\([0-9]*\) .*/\1/p' >>"$work/ms"
        echo "$out" | sed -n 's/.*peak_heap_mb=\([0-9]*\) .*/\1/p' >>"$work/peak"
      else
        fails=$((fails + 1)); last="$(echo "$out" | grep -m1 -o 'OutOfMemoryError[^"]*' || echo "$out" | tail -1)"
      fi
    done
    if [ "$fails" -eq "$runs" ]; then
      echo "-Xmx$heap $mode: failed in all $runs runs ($last)"
    else
      echo "-Xmx$heap $mode: median $(median <"$work/ms") ms, peak heap $(median <"$work/peak") MiB ($fails of $runs failed)"
    fi
  done
done
