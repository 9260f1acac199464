package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distrocompat.crawler.archive.TestArchives.ascii;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FormatTest {

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"GZIP", "XZ", "ZSTD", "BZIP2"})
    void compressedStreamsAreToldByTheirFirstBytes(Format format) throws Exception {
        byte[] data = TestArchives.compress(format, ascii("hello"));
        assertThat(Format.of(data)).isEqualTo(format);
        assertThat(format.isCompression()).isTrue();
        assertThat(format.isArchive()).isFalse();
    }

    @Test
    void archivesAndElfFilesAreToldByTheirFirstBytes() throws Exception {
        byte[] tar = new TestArchives.Tar().file("a", ascii("x")).bytes();
        byte[] zip = TestArchives.zip(Map.of("a", ascii("x")));
        byte[] emptyZip = TestArchives.zip(Map.of());
        byte[] ar = TestArchives.ar(Map.of("a.o", ascii("x")));
        byte[] deb = TestArchives.deb("data.tar", tar);
        assertThat(Format.of(tar)).isEqualTo(Format.TAR);
        assertThat(Format.of(zip)).isEqualTo(Format.ZIP);
        assertThat(Format.of(emptyZip)).isEqualTo(Format.ZIP);
        assertThat(Format.of(ar)).isEqualTo(Format.AR);
        assertThat(Format.of(deb)).isEqualTo(Format.DEB);
        assertThat(Format.of(TestArchives.ELF)).isEqualTo(Format.ELF);
        assertThat(Format.ELF.isArchive()).isFalse();
        assertThat(Format.DEB.isArchive()).isTrue();
        // zip entries, a .deb's data.tar and an rpm's cpio payload come out of a decompressor, tar and ar members do not
        assertThat(Arrays.stream(Format.values()).filter(Format::decompressesMembers))
                .containsExactlyInAnyOrder(Format.ZIP, Format.DEB, Format.RPM);
    }

    @Test
    void lookalikesAndShortInputsAreUnknown() {
        assertThat(Format.of(ascii("BZhello, a text that starts like bzip2"))).isEqualTo(Format.UNKNOWN);
        assertThat(Format.of(ascii("BZh9"))).isEqualTo(Format.BZIP2);
        assertThat(Format.of(ascii("PK"))).isEqualTo(Format.UNKNOWN);
        assertThat(Format.of(ascii("\u007fEL"))).isEqualTo(Format.UNKNOWN);
        assertThat(Format.of(new byte[0])).isEqualTo(Format.UNKNOWN);
        assertThat(Format.of(new byte[300])).isEqualTo(Format.UNKNOWN); // zeros: no tar without "ustar"
        assertThat(Format.of(ascii("just text\n"))).isEqualTo(Format.UNKNOWN);
    }

    @Test
    void detectionLeavesTheStreamWhereItWas() throws Exception {
        byte[] tar = new TestArchives.Tar().file("a", ascii("x")).bytes();
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(tar), 16);
        assertThat(Format.detect(in)).isEqualTo(Format.TAR);
        assertThat(in.readAllBytes()).isEqualTo(tar);
    }
}
