#!/usr/bin/env bash
# Times crawls of the Alpine and Arch Linux fixtures (fixtures/, served from 127.0.0.1) end to end through the
# launcher on a fresh home: cold crawl, immediate rerun, and the musl-side commands on the result
# (policy --musl, check of a musllinux wheel). Prints the median of RUNS runs of each.
# Usage: bench/crawl-fixtures.sh [RUNS]   (needs the jar: ./distrocompat --help builds it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
port=$(( 20000 + RANDOM % 10000 ))
(cd "$here/fixtures" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
trap 'kill "$server"; rm -rf "$work"' EXIT
sleep 1
base="http://127.0.0.1:$port"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
elapsed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

declare -A t
for i in $(seq "$runs"); do
  export DISTROCOMPAT_HOME="$work/home-$i"
  mkdir -p "$DISTROCOMPAT_HOME"
  cat > "$DISTROCOMPAT_HOME/sources.json" <<JSON
{"sources": [{"name": "alpine", "keys": ["$here/fixtures/alpine/keys/distrocompat-test-5f0c1a2b.rsa.pub"]},
 {"name": "archlinux", "archive": "$base/archlinux/archive", "dates": ["2019-10-06", "2019-11-05"],
  "keyrings": ["$here/fixtures/archlinux/keyring.gpg"]}]}
JSON
  "$here/distrocompat" releases >/dev/null # start the embedded database once, outside the timings
  t[alpine_cold]+="$(elapsed "$here/distrocompat" crawl --source alpine --mirror "$base/alpine")"$'\n'
  t[alpine_rerun]+="$(elapsed "$here/distrocompat" crawl --source alpine --mirror "$base/alpine")"$'\n'
  t[arch_cold]+="$(elapsed "$here/distrocompat" crawl --source archlinux --mirror "$base/archlinux/mirror")"$'\n'
  t[arch_rerun]+="$(elapsed "$here/distrocompat" crawl --source archlinux --mirror "$base/archlinux/mirror")"$'\n'
  t[policy_musl]+="$(elapsed "$here/distrocompat" policy --musl)"$'\n'
  t[check_musl]+="$(elapsed "$here/distrocompat" check "$here/fixtures/musl/sorting-1.0-cp312-cp312-musllinux_1_2_x86_64.whl")"$'\n'
done
for k in alpine_cold alpine_rerun arch_cold arch_rerun policy_musl check_musl; do
  printf '%-13s median %.2f s of %s runs\n' "$k" "$(printf '%s' "${t[$k]}" | grep . | median)" "$runs"
done
