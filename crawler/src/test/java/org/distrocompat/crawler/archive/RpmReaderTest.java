package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.distrocompat.crawler.testing.ReadelfFacts;
import org.distrocompat.crawler.testing.RpmFixtures;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.crawler.trust.RpmSignatures;
import org.distrocompat.crawler.trust.SignatureException;
import org.distrocompat.elf.ElfReader;
import org.distrocompat.elf.VersionDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RPMs built by rpmbuild and signed by rpmsign (the committed rpm-md fixture), read as streams. */
class RpmReaderTest {
    private static final String GLIBC = RpmFixtures.BASE + "/Packages/g/glibc-2.36-9.fc40.x86_64.rpm";
    private static final String LIBSTDCXX = RpmFixtures.BASE + "/Packages/l/libstdc++-12.2.1-4.fc40.x86_64.rpm";
    private static final String LIBGCC = RpmFixtures.BASE + "/Packages/l/libgcc-12.2.1-4.fc40.x86_64.rpm";
    private static final String GLIBC_I686 = RpmFixtures.BASE + "/Packages/g/glibc-2.36-9.fc40.i686.rpm";
    private static final String LIBSTDCXX_14 = RpmFixtures.UPDATES + "/Packages/l/libstdc++-14.2.1-3.fc40.x86_64.rpm";

    @TempDir
    Path tmp;

    private static List<ExtractedLibrary> read(Path rpm, RpmReader.HeaderCheck check) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(rpm))) {
            return RpmReader.readLibraries(in, LibrarySelector.base(), check);
        }
    }

    private static Map<String, String> sonamesToPaths(List<ExtractedLibrary> libs) {
        Map<String, String> out = new TreeMap<>();
        libs.forEach(l -> out.put(l.soname(), l.path()));
        return out;
    }

    @Test
    void readsHeaderAndLibrariesOfEveryPayloadCompression() throws Exception {
        Path root = RpmFixtures.root();
        List<String> compressors = new ArrayList<>();
        for (String p : List.of(GLIBC, LIBSTDCXX, LIBGCC)) {
            try (InputStream in = Files.newInputStream(root.resolve(p))) {
                RpmHeader h = RpmReader.readHeader(in);
                compressors.add(h.payloadCompressor());
                assertThat(h.payloadDigest()).hasSize(64);
                assertThat(h.headerSignatures()).hasSize(1);
            }
        }
        assertThat(compressors).containsExactly("xz", "zstd", "gzip");

        List<RpmHeader> seen = new ArrayList<>();
        assertThat(sonamesToPaths(read(root.resolve(GLIBC), seen::add))).containsExactly(
                Map.entry("ld-linux-x86-64.so.2", "/usr/lib64/ld-linux-x86-64.so.2"),
                Map.entry("libc.so.6", "/usr/lib64/libc.so.6"), Map.entry("libdl.so.2", "/usr/lib64/libdl.so.2"),
                Map.entry("libm.so.6", "/usr/lib64/libm.so.6"),
                Map.entry("libpthread.so.0", "/usr/lib64/libpthread.so.0"));
        assertThat(seen).singleElement().satisfies(h -> {
            assertThat(h.nevra()).isEqualTo("glibc-2.36-9.fc40.x86_64");
            assertThat(h.sourceRpm()).isEqualTo("glibc-2.36-9.fc40.src.rpm");
            assertThat(h.epoch()).isNull();
        });
        // symbolic links inside the payload are followed to the real file
        assertThat(sonamesToPaths(read(root.resolve(LIBSTDCXX), RpmReader.HeaderCheck.NONE)))
                .containsExactly(Map.entry("libstdc++.so.6", "/usr/lib64/libstdc++.so.6.0.30"));
        assertThat(sonamesToPaths(read(root.resolve(LIBGCC), RpmReader.HeaderCheck.NONE)))
                .containsExactly(Map.entry("libgcc_s.so.1", "/usr/lib64/libgcc_s-12-20221121.so.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {GLIBC, LIBSTDCXX, LIBGCC, GLIBC_I686, LIBSTDCXX_14})
    void versionDefinitionsAreWhatReadelfReadsFromTheSameFiles(String rpm) throws Exception {
        assumeTrue(ReadelfFacts.available(), "no readelf: skipping the comparison");
        List<ExtractedLibrary> libs = read(RpmFixtures.root().resolve(rpm), RpmReader.HeaderCheck.NONE);
        assertThat(libs).isNotEmpty();
        for (ExtractedLibrary lib : libs) {
            Path f = tmp.resolve(lib.soname());
            Files.write(f, lib.data());
            Set<String> ours = new java.util.TreeSet<>();
            for (VersionDefinition d : ElfReader.read(java.nio.ByteBuffer.wrap(lib.data())).definitions()) {
                ours.add(d.index() + " " + d.name());
            }
            assertThat(ours).as(rpm + " " + lib.soname()).isEqualTo(ReadelfFacts.definitions(f)).isNotEmpty();
        }
    }

    @Test
    void headerSignaturesVerifyWithTheKeyringRsaAndEdDsa() throws Exception {
        Keyring keys = Keyring.load(List.of(RpmFixtures.keys()));
        for (String p : List.of(GLIBC, GLIBC_I686)) {
            assertThat(read(RpmFixtures.root().resolve(p), h -> RpmSignatures.verify(keys, h.nevra(), h.headerBytes(),
                    h.headerSignatures()))).isNotEmpty();
        }
        Keyring debian = Keyring.loadReferences(List.of("bundled:debian-archive-keyring.gpg"));
        assertThatThrownBy(() -> read(RpmFixtures.root().resolve(GLIBC), h -> RpmSignatures.verify(debian, h.nevra(),
                h.headerBytes(), h.headerSignatures())))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("glibc-2.36-9.fc40.x86_64: header signature: no valid signature")
                .hasMessageContaining("not in keyring");
    }

    @Test
    void aChangedPayloadOrHeaderIsRefused() throws Exception {
        Path rpm = tmp.resolve("glibc.rpm");
        Files.copy(RpmFixtures.root().resolve(GLIBC), rpm);
        byte[] b = Files.readAllBytes(rpm);
        b[b.length - 5000] ^= 0x01; // inside the xz payload
        Files.write(rpm, b);
        assertThatThrownBy(() -> read(rpm, RpmReader.HeaderCheck.NONE)).isInstanceOf(IOException.class)
                .hasMessageContaining("glibc-2.36-9.fc40.x86_64: payload digest");

        Keyring keys = Keyring.load(List.of(RpmFixtures.keys()));
        Path header = tmp.resolve("glibc-header.rpm");
        byte[] h = Files.readAllBytes(RpmFixtures.root().resolve(GLIBC));
        int summary = indexOf(h, "Real ELF files".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h[summary] = (byte) 'r'; // the description, a header string: the SHA256 over the header no longer matches
        Files.write(header, h);
        assertThatThrownBy(() -> read(header, c -> RpmSignatures.verify(keys, c.nevra(), c.headerBytes(),
                c.headerSignatures()))).isInstanceOf(IOException.class).hasMessageContaining("header SHA256");
    }

    @Test
    void anRpmIsAnArchiveForTheFormatDetection() throws Exception {
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(RpmFixtures.root().resolve(LIBGCC)))) {
            assertThat(Format.detect(in)).isEqualTo(Format.RPM);
            List<String> names = new ArrayList<>();
            try (MemberReader r = MemberReader.open(Format.RPM, in)) {
                Member m;
                while ((m = r.next()) != null) {
                    names.add(m.kind() + " " + m.path().orElseThrow() + (m.linkName() == null ? "" : " -> " + m.linkName()));
                }
            }
            assertThat(names).contains("FILE usr/lib64/libgcc_s-12-20221121.so.1",
                    "SYMLINK usr/lib64/libgcc_s.so.1 -> libgcc_s-12-20221121.so.1");
        }
        assertThatThrownBy(() -> RpmReader.readHeader(InputStream.nullInputStream())).isInstanceOf(IOException.class);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
