#!/usr/bin/env bash
# Rebuilds the calendar copies shipped in core (used when the host has no distro-info-data, and as the built-in
# endoflife.date calendar): the host's distro-info-data CSVs as they are, and the facts of endoflife.date product
# files — the YAML front matter's title, permalink and per-release dates — without links, comments or prose.
# Usage: scripts/calendar-copies.sh ENDOFLIFE_PRODUCTS_DIR
set -euo pipefail
src="${1:?usage: $0 ENDOFLIFE_PRODUCTS_DIR}"
dst="$(dirname "$0")/../core/src/main/resources/org/distrocompat/core/calendar"
cp /usr/share/distro-info/debian.csv /usr/share/distro-info/ubuntu.csv "$dst/distro-info/"
cp /usr/share/doc/distro-info-data/copyright "$dst/distro-info/COPYRIGHT"
for f in "$src"/*.md; do
  awk '
    NR == 1 && /^---/ { print; front = 1; next }
    front && /^---/ { print; exit }
    !front { next }
    { sub(/[ \t]+#.*$/, "") }
    /^(title|permalink):/ { print; next }
    /^releases:/ { print; rel = 1; next }
    rel && /^[^ \t-]/ { rel = 0 }
    rel && /^[ \t]*-?[ \t]*(releaseCycle|codename|releaseDate|eoas|eol|eoes|lts|latest|latestReleaseDate):/ { print }
    rel && /^[ \t]*$/ { print }
  ' "$f" > "$dst/endoflife/$(basename "$f")"
done
