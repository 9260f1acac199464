package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
                    out.put(m.name(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out;
    }

    @Test
    void anEntryHiddenInsideAnotherEntrysDataIsRefused() throws IOException {
        byte[] ext = "\u007fELF an extension that needs GLIBC_2.35".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = RawZip.hiding("pkg/data.bin", "pkg/_ext.so", ext);

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
        assertThat(members).containsOnlyKeys("pkg/__init__.py", "pkg/data.txt", "pkg/lib/inner.jar");
        // a jar inside, itself written with data descriptors: read whole, and readable as a zip in turn
        byte[] jar = members.get("pkg/lib/inner.jar").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(jar)).containsOnlyKeys("META-INF/MANIFEST.MF", "lib/native.txt");
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
