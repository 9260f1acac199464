#!/usr/bin/env python3
"""Builds the zip fixtures of ZipMembersTest with CPython's zipfile (the reader pip and auditwheel use).

stored-data-descriptor.zip: STORED entries followed by data descriptors, as zipfile writes them to a stream it
cannot seek (a pipe, a socket): valid, unusual, and once refused by distrocompat's streaming reader.
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


out = Unseekable()
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:
    z.writestr("pkg/__init__.py", b"# stored, followed by a data descriptor\n" * 3)
    z.writestr("pkg/data.txt", b"x" * 100)
with open("stored-data-descriptor.zip", "wb") as f:
    f.write(bytes(out.data))
