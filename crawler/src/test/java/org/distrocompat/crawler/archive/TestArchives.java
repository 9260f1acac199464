package org.distrocompat.crawler.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Real archives built in memory with commons-compress's writers, for the archive tests. */
final class TestArchives {
    /** The start of an x86_64 ELF file: enough for the format detection and the library selection. */
    static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private TestArchives() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] compress(Format format, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (format) {
            case GZIP -> new GzipCompressorOutputStream(bytes);
            case XZ -> new XZCompressorOutputStream(bytes);
            case ZSTD -> new ZstdCompressorOutputStream(bytes);
            case BZIP2 -> new BZip2CompressorOutputStream(bytes);
            default -> throw new IllegalArgumentException(format.toString());
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** A tar, member by member; names and link targets are written as given, {@code ../} included. */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        Tar() {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar file(String name, byte[] data) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, true); // true: keep "./" and "../" as written
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        }

        Tar dir(String name) throws IOException {
            return entry(name, TarArchiveEntry.LF_DIR, null);
        }

        Tar symlink(String name, String target) throws IOException {
            return entry(name, TarArchiveEntry.LF_SYMLINK, target);
        }

        Tar hardlink(String name, String target) throws IOException {
            return entry(name, TarArchiveEntry.LF_LINK, target);
        }

        Tar fifo(String name) throws IOException {
            return entry(name, TarArchiveEntry.LF_FIFO, null);
        }

        private Tar entry(String name, byte flag, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
            if (target != null) {
                e.setLinkName(target);
            }
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            tar.close();
            return bytes.toByteArray();
        }
    }

    static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (var m : members.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(m.getKey()));
                zip.write(m.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] ar(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(bytes)) {
            for (var m : members.entrySet()) {
                ar.putArchiveEntry(new ArArchiveEntry(m.getKey(), m.getValue().length));
                ar.write(m.getValue());
                ar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A .deb as dpkg-deb lays it out: debian-binary, control.tar, then the data tar under {@code dataName}. */
    static byte[] deb(String dataName, byte[] dataTar) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("debian-binary", ascii("2.0\n"));
        members.put("control.tar.gz", compress(Format.GZIP, new Tar().file("./control", ascii("Package: x\n")).bytes()));
        members.put(dataName, dataTar);
        return ar(members);
    }
}
