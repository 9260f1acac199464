package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distrocompat.crawler.archive.TestArchives.ascii;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DecompressionTest {
    private static final byte[] TEXT = ascii("Package: libc6\nVersion: 2.36-9\n".repeat(100));

    @ParameterizedTest
    @CsvSource({"Packages.gz, GZIP", "Packages.xz, XZ", "Packages.zst, ZSTD", "Packages.bz2, BZIP2",
            "x.tgz, GZIP", "x.tar.zstd, ZSTD"})
    void byNameSuffix(String name, Format format) throws Exception {
        byte[] compressed = TestArchives.compress(format, TEXT);
        try (InputStream in = Decompression.open(name, new ByteArrayInputStream(compressed))) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
    }

    @Test
    void aNameWithoutSuffixIsReadAsItIs() throws Exception {
        try (InputStream in = Decompression.open("Packages", new ByteArrayInputStream(TEXT))) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
    }

    @Test
    void theNameIsTrustedSoAWrongOneFails() throws Exception {
        byte[] gz = TestArchives.compress(Format.GZIP, TEXT);
        assertThatThrownBy(() -> Decompression.open("Packages.xz", new ByteArrayInputStream(gz)).readAllBytes())
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"GZIP", "XZ", "ZSTD", "BZIP2"})
    void byContent(Format format) throws Exception {
        byte[] compressed = TestArchives.compress(format, TEXT);
        InputStream in = Decompression.openByContent(new BufferedInputStream(new ByteArrayInputStream(compressed)));
        assertThat(in.readAllBytes()).isEqualTo(TEXT);
    }

    @Test
    void byContentLeavesUncompressedDataAlone() throws Exception {
        BufferedInputStream plain = new BufferedInputStream(new ByteArrayInputStream(TEXT));
        InputStream in = Decompression.openByContent(plain);
        assertThat(in).isSameAs(plain);
        assertThat(in.readAllBytes()).isEqualTo(TEXT);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"GZIP", "XZ", "ZSTD", "BZIP2"})
    void concatenatedStreamsAreReadAsOne(Format format) throws Exception {
        // Alpine's .apk is gzip streams in a row; pigz and pbzip2 write such files too
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(TestArchives.compress(format, ascii("first,")));
        both.write(TestArchives.compress(format, ascii("second")));
        InputStream in = Decompression.open(format, new ByteArrayInputStream(both.toByteArray()));
        assertThat(new String(in.readAllBytes(), "US-ASCII")).isEqualTo("first,second");
    }

    @Test
    void onlyCompressionFormatsOpen() {
        assertThatThrownBy(() -> Decompression.open(Format.TAR, new ByteArrayInputStream(TEXT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TAR");
    }

    @Test
    void uncompressedNames() {
        assertThat(Decompression.uncompressedName("libx.so.gz")).isEqualTo("libx.so");
        assertThat(Decompression.uncompressedName("x.tgz")).isEqualTo("x.tar");
        assertThat(Decompression.uncompressedName("x.tar.zst")).isEqualTo("x.tar");
        assertThat(Decompression.uncompressedName("x.tar")).isEqualTo("x.tar");
    }
}
