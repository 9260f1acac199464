package org.distrocompat.crawler.source.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.distrocompat.crawler.archive.Decompression;
import org.distrocompat.crawler.testing.RpmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** primary.xml as createrepo_c writes it, scanned by what packages provide, in constant memory. */
class PrimaryScannerTest {
    @TempDir
    Path tmp;

    static Path fixturePrimary() throws Exception {
        try (Stream<Path> s = Files.list(RpmFixtures.root().resolve(RpmFixtures.BASE + "/repodata"))) {
            return s.filter(p -> p.toString().endsWith("primary.xml.zst")).findFirst().orElseThrow();
        }
    }

    @Test
    void findsThePackagesThatProvideTheWantedLibrariesWithWhatTheCrawlNeeds() throws Exception {
        List<PrimaryPackage> found;
        try (InputStream in = Decompression.open("primary.xml.zst", Files.newInputStream(fixturePrimary()))) {
            found = new PrimaryScanner(Set.of("libc.so.6()(64bit)", "libc.so.6", "libgcc_s.so.1")).scan(in);
        }
        assertThat(found).extracting(p -> p.name() + "." + p.arch() + " " + p.provides()).containsExactlyInAnyOrder(
                "glibc.x86_64 [libc.so.6()(64bit)]", "glibc.i686 [libc.so.6]", "libgcc.i686 [libgcc_s.so.1]");
        PrimaryPackage glibc = found.stream().filter(p -> p.arch().equals("x86_64")).findFirst().orElseThrow();
        assertThat(glibc.location()).isEqualTo("Packages/g/glibc-2.36-9.fc40.x86_64.rpm");
        assertThat(glibc.sourceRpm()).isEqualTo("glibc-2.36-9.fc40.src.rpm");
        assertThat(glibc.evr().evr()).isEqualTo("2.36-9.fc40");
        assertThat(glibc.sha256()).hasSize(64);
        assertThat(glibc.size()).isEqualTo(Files.size(RpmFixtures.root().resolve(RpmFixtures.BASE + "/"
                + glibc.location())));
        assertThat(glibc.fileTime()).isPositive();
    }

    @Test
    void aFortyMegabytePrimaryIsScannedWithinA256MegabyteHeap() throws Exception {
        Path big = tmp.resolve("primary.xml.gz");
        long xml = LargePrimary.write(fixturePrimary(), big, 40L << 20);
        assertThat(xml).isGreaterThanOrEqualTo(40L << 20);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), PrimaryHeap.class.getName(), "stax", big.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // only the original entries provide the libraries: the copies' provides were renamed
        assertThat(out).contains("stax found=5 ").contains("max_heap_mb=");
        System.out.print("40 MiB primary.xml, -Xmx256m: " + out);
    }

    @Test
    void rpmVersionsOrderAsRpmOrdersThem() {
        assertThat(RpmVersion.parse("2.34-100.el9").compareTo(RpmVersion.parse("2.34-83.el9"))).isPositive();
        assertThat(RpmVersion.parse("1:1.0-1").compareTo(RpmVersion.parse("2.0-1"))).isPositive();
        assertThat(RpmVersion.parse("1.0~rc1-1").compareTo(RpmVersion.parse("1.0-1"))).isNegative();
        assertThat(RpmVersion.parse("1.0^git1-1").compareTo(RpmVersion.parse("1.0-1"))).isPositive();
        assertThat(RpmVersion.parse("1.0a-1").compareTo(RpmVersion.parse("1.0.1-1"))).isNegative();
        assertThat(RpmVersion.parse("2.36-9.fc40").compareTo(RpmVersion.parse("2.36-9.fc40"))).isZero();
        assertThat(RpmVersion.sourceNameAndVersion("gcc-12.2.1-4.fc40.src.rpm")).containsExactly("gcc", "12.2.1-4.fc40");
        assertThat(RpmVersion.sourceNameAndVersion("libstdc++-14.2.1-3.src.rpm"))
                .containsExactly("libstdc++", "14.2.1-3");
    }
}
