#!/usr/bin/env bash
# Times the shipped baseline's load into an empty database (one bulk transaction) next to importing the same 510
# pep600 records from their directory a transaction each (what `import pep600` does), and a home's whole first use
# (calendar + baseline); medians of RUNS fresh databases on one embedded PostgreSQL.
# Usage: bench/baseline.sh [RUNS]   (needs the jar: ./distrocompat --help builds it; and test classes: mvn test-compile)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
shared="${DISTROCOMPAT_SHARED:-$here/../shared}"
java -cp "$here/core/target/test-classes:$here/api/target/distrocompat.jar" org.distrocompat.core.bench.BaselineBench \
  "$runs" "$shared/reference/pep600-cache"
