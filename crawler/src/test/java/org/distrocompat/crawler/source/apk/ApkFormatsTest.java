package org.distrocompat.crawler.source.apk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.distrocompat.crawler.archive.ApkReader;
import org.distrocompat.crawler.archive.GzipStreams;
import org.distrocompat.crawler.testing.RepoFixtures;
import org.distrocompat.db.model.Arch;
import org.junit.jupiter.api.Test;

/** The apk v2 pieces on their own: gzip stream boundaries, APKINDEX paragraphs, versions, arch names. */
class ApkFormatsTest {

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(text.getBytes());
        }
        return b.toByteArray();
    }

    @Test
    void gzipStreamsSplitExactlyWhereEachStreamEnds() throws Exception {
        byte[] a = gzip("first");
        byte[] b = gzip("second, longer ".repeat(100));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        List<GzipStreams.Stream> s = GzipStreams.split(both);
        assertThat(s).containsExactly(new GzipStreams.Stream(0, a.length), new GzipStreams.Stream(a.length, both.length));
        assertThatThrownBy(() -> GzipStreams.split(Arrays.copyOf(both, both.length - 5)))
                .hasMessageContaining("truncated");
        byte[] junk = Arrays.copyOf(both, both.length + 3);
        assertThatThrownBy(() -> GzipStreams.split(junk)).hasMessageContaining("not a gzip stream at offset " + both.length);
    }

    @Test
    void aFixturePackageIsThreeSegmentsWithPkginfoAndTheFiles() throws Exception {
        byte[] apk = Files.readAllBytes(RepoFixtures.alpine().resolve("v3.17/main/x86_64/musl-1.2.3-r0.apk"));
        ApkReader.Segments s = ApkReader.split(apk);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.files(0).keySet()).containsExactly(".SIGN.RSA.distrocompat-test-5f0c1a2b.rsa.pub");
        assertThat(ApkReader.text(s.files(1).get(".PKGINFO"))).contains("pkgname = musl", "datahash = ");
        ApkKeys keys = ApkKeys.load(List.of(RepoFixtures.alpineKey().toString()));
        keys.verify(s.files(0), s.compressed(1));
        byte[] other = s.compressed(1).clone();
        other[other.length / 2] ^= 1;
        assertThatThrownBy(() -> keys.verify(s.files(0), other)).hasMessageContaining("BAD signature");
    }

    @Test
    void theIndexParagraphsAndTheirChecksums() throws Exception {
        List<ApkIndex.Entry> e = ApkIndex.parse("C:Q1TJxjGWyJromzdoSBLDKqTX7/5o4=\nP:musl\nV:1.2.3-r0\nA:x86_64\n"
                + "S:420121\no:musl\n\nC:Q1jt6jNbV98hSptG21+QxFoxogsRY=\nP:libstdc++\nV:12.2.1_git20220924-r4\no:gcc\n");
        assertThat(e).extracting(ApkIndex.Entry::name, ApkIndex.Entry::fileName, ApkIndex.Entry::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("musl", "musl-1.2.3-r0.apk", 420121L),
                        org.assertj.core.groups.Tuple.tuple("libstdc++", "libstdc++-12.2.1_git20220924-r4.apk", -1L));
        assertThat(e.get(0).controlSha1()).hasSize(20);
        assertThatThrownBy(() -> ApkIndex.parse("C:X1abc\nP:x\nV:1\n")).hasMessageContaining("not an apk v2");
        assertThatThrownBy(() -> ApkIndex.parse("P:x\nV:1\n")).hasMessageContaining("without P:, V: or C:");
        assertThat(ApkIndex.upstream("1.2.4_git20230717-r4")).isEqualTo("1.2.4");
        assertThat(ApkIndex.upstream("12.2.1_git20220924-r4")).isEqualTo("12.2.1");
        assertThat(ApkIndex.upstream("1.2.3-r0")).isEqualTo("1.2.3");
    }

    @Test
    void alpineArchNames() {
        assertThat(ApkArches.wheelArch("x86")).contains(Arch.I686);
        assertThat(ApkArches.wheelArch("armv7")).contains(Arch.ARMV7L);
        assertThat(ApkArches.alpineName("i686")).contains("x86");
        assertThat(ApkArches.alpineName("armv7l")).contains("armv7");
        assertThat(ApkArches.alpineName("mips64")).isEmpty();
    }
}
