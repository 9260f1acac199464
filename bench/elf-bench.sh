#!/usr/bin/env bash
# Benchmarks the pure-Java ELF reader (JMH, sample mode, median) against `readelf -V -W` (process, 20 runs,
# median) on the same files. Usage: bench/elf-bench.sh [file...]
# Defaults: /usr/lib/x86_64-linux-gnu/libstdc++.so.6 and /usr/lib/x86_64-linux-gnu/libc.so.6.
set -euo pipefail
cd "$(dirname "$0")/.."

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(/usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libc.so.6)
fi
runs=${READELF_RUNS:-20}

echo "== building (test-compile) and resolving the test classpath" >&2
mvn -q -pl elf -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="elf/target/test-classes:elf/target/classes:$(cat elf/target/bench-classpath.txt)"

params=$(IFS=,; echo "${files[*]}")
out=elf/target/elf-bench.csv
echo "== JMH (ElfReaderBenchmark) on: ${files[*]}" >&2
java -cp "$cp" org.openjdk.jmh.Main 'ElfReaderBenchmark' -p "file=$params" -rf csv -rff "$out" >&2

# median (p0.50) in microseconds of one benchmark for one file, from the JMH CSV
jmh_median() { # benchmark file
  awk -F, -v b="org.distrocompat.elf.bench.ElfReaderBenchmark.$1:p0.50" -v f="$2" \
      '{ gsub(/["\r]/, "") } $1 == b && $8 == f { print $5 }' "$out"
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

printf '\n%-45s %14s %14s %16s %8s\n' "file" "read(Path) us" "parse us" "readelf -V us" "ratio"
for f in "${files[@]}"; do
  times=()
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    readelf -V -W "$f" > /dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  re=$(printf '%s\n' "${times[@]}" | median)
  rp=$(jmh_median readPath "$f")
  pm=$(jmh_median parseMapped "$f")
  ratio=$(awk -v a="$re" -v b="$rp" 'BEGIN { printf "%.1fx", a / b }')
  printf '%-45s %14.1f %14.1f %16.0f %8s\n' "$f" "$rp" "$pm" "$re" "$ratio"
done
echo "(read(Path) and parse: JMH sample-mode medians; readelf: median of $runs process runs, output to /dev/null;"
echo " ratio = readelf median / read(Path) median)"
