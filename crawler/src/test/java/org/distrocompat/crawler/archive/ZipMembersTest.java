package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zips are read through their central directory, as pip and auditwheel read wheels: what they would install is
 * what gets checked, and a zip that shows a streaming reader something else is refused.
 */
class ZipMembersTest {
    @TempDir
    Path tmp;

    /** Every member's name and data, through the stream reader (as an upload or a nested zip arrives). */
    private static Map<String, String> read(byte[] zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (MemberReader r = MemberReader.open(Format.ZIP, new ByteArrayInputStream(zip))) {
            Member m;
            while ((m = r.next()) != null) {
                try (InputStream in = m.data()) {
                    out.put(m.name(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** A zip written by hand, entry by entry, to say exactly where each header lies. */
    static final class RawZip {
        private final ByteArrayOutputStream file = new ByteArrayOutputStream();
        private final ByteArrayOutputStream directory = new ByteArrayOutputStream();
        private int entries;

        /** A local header and its stored data; returns the header's offset. */
        int local(String name, byte[] data) {
            int offset = file.size();
            file.writeBytes(header(0x04034b50, name, data, -1));
            file.writeBytes(data);
            return offset;
        }

        /** A central directory entry for a stored {@code name} whose local header is at {@code offset}. */
        RawZip central(String name, byte[] data, int offset) {
            directory.writeBytes(header(0x02014b50, name, data, offset));
            entries++;
            return this;
        }

        byte[] bytes() {
            int cdOffset = file.size();
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                    .putShort((short) entries).putInt(directory.size()).putInt(cdOffset).putShort((short) 0);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(file.toByteArray());
            all.writeBytes(directory.toByteArray());
            all.writeBytes(end.array());
            return all.toByteArray();
        }

        private static byte[] header(int signature, String name, byte[] data, int offset) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(data);
            boolean central = offset >= 0;
            ByteBuffer b = ByteBuffer.allocate((central ? 46 : 30) + n.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(signature);
            if (central) {
                b.putShort((short) 20); // version made by
            }
            b.putShort((short) 20).putShort((short) 0x0800).putShort((short) 0) // version, UTF-8 names, STORED
                    .putShort((short) 0).putShort((short) 0x21) // time, date
                    .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                    .putShort((short) n.length).putShort((short) 0);
            if (central) {
                b.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
            }
            return b.put(n).array();
        }
    }

    @Test
    void anEntryHiddenInsideAnotherEntrysDataIsRefused() throws IOException {
        byte[] ext = "\u007fELF an extension that needs GLIBC_2.35".getBytes(StandardCharsets.ISO_8859_1);
        // the inner entry, header and data, is the stored data of the outer one: a streaming reader sees only
        // pkg/data.bin, while the central directory (what pip installs from) also lists pkg/_ext.so inside it
        RawZip inner = new RawZip();
        inner.local("pkg/_ext.so", ext);
        byte[] innerBytes = inner.file.toByteArray();
        RawZip zip = new RawZip();
        int outer = zip.local("pkg/data.bin", innerBytes);
        int hidden = outer + 30 + "pkg/data.bin".length();
        zip.central("pkg/data.bin", innerBytes, outer).central("pkg/_ext.so", ext, hidden);
        byte[] bytes = zip.bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("entry pkg/data.bin overlaps entry pkg/_ext.so");
        Path file = Files.write(tmp.resolve("evil.whl"), bytes);
        assertThatThrownBy(() -> MemberReader.open(Format.ZIP, file)).isInstanceOf(IOException.class)
                .hasMessageContaining("overlaps");
    }

    @Test
    void aLocalHeaderThatContradictsTheCentralDirectoryIsRefused() throws IOException {
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        RawZip zip = new RawZip();
        int at = zip.local("pkg/innocent.txt", data);
        zip.central("pkg/_other.so", data, at); // same length, other name: which one is it?
        byte[] bytes = zip.bytes();
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("entry pkg/_other.so has a local header whose name (pkg/innocent.txt) differs");
    }

    @Test
    void storedEntriesWithDataDescriptorsAreRead() throws IOException {
        byte[] zip;
        try (InputStream in = getClass().getResourceAsStream("stored-data-descriptor.zip")) {
            zip = in.readAllBytes();
        }
        Map<String, String> members = read(zip);
        assertThat(members).containsOnlyKeys("pkg/__init__.py", "pkg/data.txt");
        assertThat(members.get("pkg/__init__.py")).isEqualTo("# stored, followed by a data descriptor\n".repeat(3));
        assertThat(members.get("pkg/data.txt")).isEqualTo("x".repeat(100));
    }

    @Test
    void aWellFormedZipReadsTheSameFromAFileAndFromAStream() throws IOException {
        RawZip zip = new RawZip();
        byte[] a = "first".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second".getBytes(StandardCharsets.US_ASCII);
        int atA = zip.local("a.txt", a);
        int atB = zip.local("dir/b.txt", b);
        byte[] bytes = zip.central("a.txt", a, atA).central("dir/b.txt", b, atB).bytes();
        assertThat(read(bytes)).containsExactly(Map.entry("a.txt", "first"), Map.entry("dir/b.txt", "second"));
        Path file = Files.write(tmp.resolve("ok.zip"), bytes);
        try (MemberReader r = MemberReader.open(Format.ZIP, file)) {
            assertThat(r.next().name()).isEqualTo("a.txt");
            assertThat(r.next().name()).isEqualTo("dir/b.txt");
            assertThat(r.next()).isNull();
        }
    }
}
