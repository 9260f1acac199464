package org.distrocompat.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.distrocompat.crawler.archive.ArchivePath;
import org.distrocompat.crawler.archive.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd and hostile inputs: bombs, deep nesting, names that climb out, symbolic links, lying headers. */
class InputWalkerTest {
    @TempDir
    Path tmp;

    static final byte[] ELF = TestElf.x86_64().needs("libc.so.6", "GLIBC_2.17").bytes();

    @Test
    void namesThatLeaveTheArchiveAreSkippedNotFollowed() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("../../evil.so", ELF);
        m.put("pkg/../../evil2.so", ELF);
        m.put("pkg/./ok.so", ELF);
        Path zip = Fixtures.write(tmp, "x.zip", Fixtures.zip(m));
        InputContents c = InputWalker.walk(zip);
        assertThat(c.elfFiles()).extracting(InputContents.ElfMember::path).containsExactly("pkg/ok.so");
        assertThat(c.skipped()).extracting(InputContents.Skipped::reason).containsOnly("name leaves the archive");
        assertThat(Files.list(tmp).count()).isEqualTo(1); // nothing was written
    }

    @Test
    void symbolicLinksAreRecordedInsideAndSkippedOutside() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("lib/libz.so.1.3", ELF);
        m.put("lib/libz.so.1 -> libz.so.1.3", new byte[0]);
        m.put("lib/passwd -> ../../../etc/passwd", new byte[0]);
        m.put("lib/abs -> /lib/libz.so.1.3", new byte[0]);
        InputContents c = InputWalker.walk(Fixtures.write(tmp, "l.tar.gz", Fixtures.tgz(m)));
        assertThat(c.links()).containsEntry("lib/libz.so.1", "lib/libz.so.1.3").containsEntry("lib/abs", "lib/libz.so.1.3");
        assertThat(c.links()).doesNotContainKey("lib/passwd");
        assertThat(c.skipped()).anyMatch(s -> s.path().equals("lib/passwd") && s.reason().contains("leaves the input"));
    }

    @Test
    void decompressionBombsStopAtTheLimit() throws Exception {
        // 64 MiB of zeros deflate to ~64 KiB; the walk stops once 8 MiB have come out
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(mb);
            }
            z.closeEntry();
        }
        assertThat(bytes.size()).isLessThan(1 << 20);
        Path bomb = Fixtures.write(tmp, "bomb.zip", bytes.toByteArray());
        WalkLimits small = new WalkLimits(1 << 20, 8 << 20, 1000);
        assertThatThrownBy(() -> InputWalker.walk(bomb, small)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("decompression bomb");

        // an ELF member over the per-file cap
        byte[] big = Arrays.copyOf(ELF, 3 << 20);
        Path bigElf = Fixtures.write(tmp, "big.zip", Fixtures.zip(Map.of("big.so", big)));
        assertThatThrownBy(() -> InputWalker.walk(bigElf, small)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("big.so: ELF file larger than the 1 MiB limit");
    }

    @Test
    void hugeDeclaredSizesAreNotTrusted() throws Exception {
        // a STORED entry whose local header claims 2 GiB: the walk reads what is there and fails cleanly
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry("liar.so");
            e.setMethod(ZipEntry.STORED);
            e.setSize(ELF.length);
            CRC32 crc = new CRC32();
            crc.update(ELF);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(ELF);
            z.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(18, 0x7fffffff).putInt(22, 0x7fffffff); // compressed and uncompressed size
        Path liar = Fixtures.write(tmp, "liar.zip", zip);
        assertThatThrownBy(() -> InputWalker.walk(liar, new WalkLimits(1 << 20, 64 << 20, 1000)))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void archivesNestOneLevelDeep() throws Exception {
        byte[] level2 = Fixtures.zip(Map.of("deep.so", ELF));
        byte[] level1 = Fixtures.zip(Map.of("inner.jar", level2, "mid.so", ELF));
        Path outer = Fixtures.write(tmp, "outer.zip", Fixtures.zip(Map.of("lib/mid.jar", level1, "top.so", ELF)));
        InputContents c = InputWalker.walk(outer);
        assertThat(c.elfFiles()).extracting(InputContents.ElfMember::path)
                .containsExactlyInAnyOrder("top.so", "lib/mid.jar!/mid.so");
        assertThat(c.skipped()).containsExactly(new InputContents.Skipped("lib/mid.jar!/inner.jar",
                "archive nested more than one level deep"));
    }

    @Test
    void compressedTarsAndMemberCountLimit() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            m.put("f" + i, "x".getBytes());
        }
        Path tgz = Fixtures.write(tmp, "many.tgz", Fixtures.tgz(m));
        assertThat(InputWalker.walk(tgz).otherFiles()).hasSize(20);
        assertThatThrownBy(() -> InputWalker.walk(tgz, new WalkLimits(1 << 20, 1 << 20, 10)))
                .hasMessageContaining("more than 10 archive members");
        // every byte of the input is read once
        assertThat(InputWalker.walk(tgz).bytesRead()).isEqualTo(Files.size(tgz));
    }

    @Test
    void aDebsMembersThatLeaveAreSkippedAndItsDataTarCountsAgainstTheLimit() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("./usr/lib/x86_64-linux-gnu/libx.so.1", ELF);
        m.put("./../../evil.so", ELF);
        m.put("./usr/lib/x86_64-linux-gnu/libx.so -> libx.so.1", new byte[0]);
        InputContents c = InputWalker.walk(Fixtures.write(tmp, "x.deb", deb(Fixtures.tgz(m))));
        assertThat(c.elfFiles()).extracting(InputContents.ElfMember::path)
                .containsExactly("usr/lib/x86_64-linux-gnu/libx.so.1");
        assertThat(c.links()).containsExactly(
                Map.entry("usr/lib/x86_64-linux-gnu/libx.so", "usr/lib/x86_64-linux-gnu/libx.so.1"));
        assertThat(c.skipped()).containsExactly(new InputContents.Skipped("./../../evil.so", "name leaves the archive"));

        // the data.tar is decompressed inside the .deb reader; what comes out is counted all the same
        Path bomb = Fixtures.write(tmp, "bomb.deb", deb(Fixtures.tgz(Map.of("./zeros", new byte[16 << 20]))));
        assertThatThrownBy(() -> InputWalker.walk(bomb, new WalkLimits(1 << 20, 8 << 20, 1000)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("decompression bomb");
    }

    private static byte[] deb(byte[] dataTarGz) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            Map<String, byte[]> members = new LinkedHashMap<>(); // debian-binary first, as dpkg wants
            members.put("debian-binary", "2.0\n".getBytes());
            members.put("data.tar.gz", dataTarGz);
            for (var e : members.entrySet()) {
                ar.putArchiveEntry(new ArArchiveEntry(e.getKey(), e.getValue().length));
                ar.write(e.getValue());
                ar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void normalisation() {
        // the walker applies the crawler's archive rule; ArchivePathTest and FormatTest hold the cases
        assertThat(ArchivePath.normalize("./a/b/../c.so")).contains("a/c.so");
        assertThat(ArchivePath.normalize("/abs/x")).contains("abs/x");
        assertThat(ArchivePath.normalize("a/../../x")).isEmpty();
        assertThat(ArchivePath.normalize("a\\..\\..\\x")).isEmpty();
        assertThat(List.of(Format.of("PK\3\4".getBytes()), Format.of("!<arch>\n".getBytes())))
                .containsExactly(Format.ZIP, Format.AR);
    }
}
