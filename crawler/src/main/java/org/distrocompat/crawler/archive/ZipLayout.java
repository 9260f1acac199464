package org.distrocompat.crawler.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * The checks a zip must pass before its members are believed, the ones pip's and auditwheel's zip reader (CPython's
 * {@code zipfile}) makes: every central directory entry's local header is where the entry says, carries the same
 * name and method (and, without a data descriptor, the same CRC and sizes), and no entry's data runs into the next
 * entry's header or into the central directory ("overlapped entries"). A zip that hides a member inside another
 * one's data is read differently by a streaming reader and by an installer; it is refused, not guessed at.
 *
 * <p>Also bounds what a central directory may cost before it is read: at most {@link #MAX_ENTRIES} entries and
 * {@link #MAX_DIRECTORY_BYTES} bytes, as the end record declares them.
 */
final class ZipLayout {
    static final long MAX_ENTRIES = 1_000_000;
    static final long MAX_DIRECTORY_BYTES = 256L << 20;

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int END_BYTES = 22;
    private static final long NO_VALUE32 = 0xffffffffL;

    /** Where the central directory starts and how many entries it declares, from the end record. */
    record End(long directoryOffset, long directoryBytes, long entries) {
    }

    private ZipLayout() {
    }

    /** Reads the end of central directory record (and its zip64 twin); fails on a directory too large to read. */
    static End end(SeekableByteChannel ch) throws IOException {
        long size = ch.size();
        int window = (int) Math.min(size, END_BYTES + 0xffffL);
        ByteBuffer tail = read(ch, size - window, window);
        for (int i = window - END_BYTES; i >= 0; i--) {
            if (tail.getInt(i) != END) {
                continue;
            }
            long entries = tail.getShort(i + 10) & 0xffffL;
            long bytes = tail.getInt(i + 12) & NO_VALUE32;
            long offset = tail.getInt(i + 16) & NO_VALUE32;
            long at = size - window + i;
            if ((offset == NO_VALUE32 || entries == 0xffffL || bytes == NO_VALUE32) && at >= 20) {
                ByteBuffer locator = read(ch, at - 20, 20);
                if (locator.getInt(0) == ZIP64_LOCATOR) {
                    ByteBuffer end64 = read(ch, locator.getLong(8), 56);
                    if (end64.getInt(0) != ZIP64_END) {
                        throw new IOException("malformed zip: the zip64 end record is not where its locator says");
                    }
                    entries = end64.getLong(32);
                    bytes = end64.getLong(40);
                    offset = end64.getLong(48);
                }
            }
            if (entries > MAX_ENTRIES || entries < 0) {
                throw new IOException("zip declares " + entries + " entries; more than " + MAX_ENTRIES
                        + " are not read");
            }
            if (bytes > MAX_DIRECTORY_BYTES || bytes < 0) {
                throw new IOException("zip declares a central directory of " + bytes + " bytes; more than "
                        + MAX_DIRECTORY_BYTES + " are not read");
            }
            return new End(offset, bytes, entries);
        }
        throw new IOException("malformed zip: no end of central directory record");
    }

    /**
     * Checks every entry's local header against the central directory and that no two entries (nor an entry and
     * the central directory) overlap. {@code directoryOffset} is where the central directory starts.
     */
    static void check(SeekableByteChannel ch, List<ZipArchiveEntry> entries, long directoryOffset) throws IOException {
        long size = ch.size();
        List<ZipArchiveEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(ZipArchiveEntry::getLocalHeaderOffset));
        for (int i = 0; i < byOffset.size(); i++) {
            ZipArchiveEntry e = byOffset.get(i);
            long dataEnd = checkLocalHeader(ch, e, size);
            long next = i + 1 < byOffset.size() ? byOffset.get(i + 1).getLocalHeaderOffset() : directoryOffset;
            if (dataEnd > next) {
                String other = i + 1 < byOffset.size() ? "entry " + byOffset.get(i + 1).getName()
                        : "the central directory";
                throw new IOException("malformed zip: entry " + e.getName() + " overlaps " + other
                        + " (its data ends at byte " + dataEnd + ", after " + other + " starts at byte " + next
                        + "); an installer would see different files than a streaming reader");
            }
        }
    }

    /** Checks one entry's local header; returns where the entry's data ends. */
    private static long checkLocalHeader(SeekableByteChannel ch, ZipArchiveEntry e, long size) throws IOException {
        long at = e.getLocalHeaderOffset();
        if (at < 0 || at + 30 > size) {
            throw new IOException("malformed zip: entry " + e.getName() + " has its header outside the file");
        }
        ByteBuffer h = read(ch, at, 30);
        if (h.getInt(0) != LOCAL_HEADER) {
            throw new IOException("malformed zip: entry " + e.getName() + " has no local header where the central "
                    + "directory says");
        }
        int flags = h.getShort(6) & 0xffff;
        int method = h.getShort(8) & 0xffff;
        long crc = h.getInt(14) & NO_VALUE32;
        long compressed = h.getInt(18) & NO_VALUE32;
        long uncompressed = h.getInt(22) & NO_VALUE32;
        int nameLength = h.getShort(26) & 0xffff;
        int extraLength = h.getShort(28) & 0xffff;
        byte[] name = new byte[nameLength];
        read(ch, at + 30, nameLength).get(name);
        if (!Arrays.equals(name, e.getRawName())) {
            throw inconsistent(e, "name", new String(name, StandardCharsets.UTF_8));
        }
        if (method != e.getMethod()) {
            throw inconsistent(e, "compression method", Integer.toString(method));
        }
        boolean descriptor = (flags & 0x08) != 0;
        if (!descriptor) {
            if (crc != e.getCrc()) {
                throw inconsistent(e, "CRC", Long.toHexString(crc));
            }
            if (compressed != NO_VALUE32 && compressed != e.getCompressedSize()) {
                throw inconsistent(e, "compressed size", Long.toString(compressed));
            }
            if (uncompressed != NO_VALUE32 && uncompressed != e.getSize()) {
                throw inconsistent(e, "size", Long.toString(uncompressed));
            }
        }
        long dataStart = at + 30 + nameLength + extraLength;
        long dataEnd = dataStart + Math.max(0, e.getCompressedSize());
        if (dataEnd > size) {
            throw new IOException("malformed zip: entry " + e.getName() + " ends beyond the end of the file");
        }
        return dataEnd;
    }

    private static IOException inconsistent(ZipArchiveEntry e, String what, String local) {
        return new IOException("malformed zip: entry " + e.getName() + " has a local header whose " + what + " ("
                + local + ") differs from the central directory's");
    }

    private static ByteBuffer read(SeekableByteChannel ch, long at, int n) throws IOException {
        if (at < 0 || at + n > ch.size()) {
            throw new EOFException("malformed zip: a header lies outside the file");
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        ch.position(at);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException("malformed zip: truncated");
            }
        }
        return b.flip();
    }
}
