#!/usr/bin/env python3
"""Packs a pep600_compliance dataset (<arch>/<distro>-<version>.json records) into the baseline resource that
distrocompat loads into an empty home: one gzip'd JSON document with the dataset's provenance, its licence notice
and every record's facts (glibc_version, symbols, libz.so.1) with the record's path and SHA-256, so that a later
`import pep600` of the same files finds them unchanged.

Usage: scripts/baseline.py PEP600_CACHE_DIR REVISION [OUT]
"""
import gzip, hashlib, json, os, sys

src, revision = sys.argv[1], sys.argv[2]
out = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "crawler", "src", "main",
    "resources", "org", "distrocompat", "crawler", "baseline", "pep600-baseline.json.gz")
records = []
for arch in sorted(os.listdir(src)):
    d = os.path.join(src, arch)
    if not os.path.isdir(d):
        continue
    for name in sorted(os.listdir(d)):
        if not name.endswith(".json"):
            continue
        raw = open(os.path.join(d, name), "rb").read()
        rec = json.loads(raw)
        facts = {k: rec[k] for k in ("glibc_version", "symbols", "libz.so.1") if k in rec}
        records.append({"path": arch + "/" + name, "sha256": hashlib.sha256(raw).hexdigest(), "record": facts})
doc = {
    "format": 1,
    "dataset": "pep600_compliance",
    "origin": "mayeut/pep600_compliance, cache/ at " + revision
              + " plus the last version of records later removed as end-of-life",
    "licence": "MIT License. Copyright (c) 2020 Matthieu Darbois. Permission is hereby granted, free of charge, to any "
               "person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal "
               "in the Software without restriction, including without limitation the rights to use, copy, modify, "
               "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to "
               "whom the Software is furnished to do so, subject to the following conditions: The above copyright "
               "notice and this permission notice shall be included in all copies or substantial portions of the "
               "Software. THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, "
               "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND "
               "NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR "
               "OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN "
               "CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.",
    "records": records,
}
data = json.dumps(doc, separators=(",", ":"), sort_keys=False).encode()
with open(out, "wb") as f:
    # mtime 0: the same dataset gives the same bytes
    f.write(gzip.compress(data, 9, mtime=0))
print(f"{len(records)} records, {len(data)} bytes of JSON, {os.path.getsize(out)} bytes gzip'd -> {out}")
