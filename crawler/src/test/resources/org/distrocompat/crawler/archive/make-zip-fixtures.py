#!/usr/bin/env python3
"""Builds the zip fixtures of ZipMembersTest with CPython's zipfile (the reader pip and auditwheel use).

stored-data-descriptor.zip: STORED entries followed by data descriptors, as zipfile writes them to a stream it
cannot seek (a pipe, a socket), one of them a jar written the same way: valid, unusual, and once refused by
distrocompat's streaming reader, which took the inner jar's descriptors for the outer entry's ("actual and claimed
size don't match ... you must use ZipFile").
Run from this directory: python3 make-zip-fixtures.py
"""
import io
import zipfile


class Unseekable(io.RawIOBase):
    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += b
        return len(b)


def streamed(members):
    out = Unseekable()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:
        for name, data in members:
            z.writestr(name, data)
    return bytes(out.data)


jar = streamed([("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\n"), ("lib/native.txt", b"n" * 50)])
out = Unseekable()
out.data = bytearray(streamed([("pkg/__init__.py", b"# stored, followed by a data descriptor\n" * 3),
                               ("pkg/data.txt", b"x" * 100), ("pkg/lib/inner.jar", jar)]))
with open("stored-data-descriptor.zip", "wb") as f:
    f.write(bytes(out.data))
