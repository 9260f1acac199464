package org.distrocompat.crawler.source.apt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.distrocompat.crawler.archive.Decompression;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.crawler.trust.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release/InRelease, OpenPGP, Packages and apt-sources parsing on Debian's real files. */
class AptFormatsTest {

    @Test
    void inReleaseVerifiesAgainstDebiansKeyringAndParses() throws Exception {
        Keyring keyring = Keyring.load(List.of(Fixtures.keyring()));
        byte[] raw = Files.readAllBytes(Fixtures.debianMini().resolve("dists/bookworm/InRelease"));
        ReleaseFile r = ReleaseFile.parse(keyring.verifyInline(raw), Sha256.hex(raw));
        assertThat(r.codename()).isEqualTo("bookworm");
        assertThat(r.suite()).isEqualTo("oldstable");
        assertThat(r.majorVersion()).isEqualTo("12");
        assertThat(r.acquireByHash()).isTrue();
        assertThat(r.date()).isNotNull();
        assertThat(r.architectures()).contains("amd64", "arm64", "armel", "s390x");
        ReleaseFile.Entry e = r.entries().get("main/binary-amd64/Packages.xz");
        assertThat(e.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(
                Fixtures.debianMini().resolve("dists/bookworm/main/binary-amd64/Packages.xz"))));
        // the clear-signed text is the detached-signed Release, byte for byte
        assertThat(keyring.verifyInline(raw)).isEqualTo(Files.readString(Fixtures.debianMini().resolve("dists/bookworm/Release")));
    }

    @Test
    void detachedSignatureVerifies() throws Exception {
        Keyring keyring = Keyring.load(List.of(Fixtures.keyring()));
        Path d = Fixtures.debianMini().resolve("dists/bookworm");
        keyring.verifyDetached(Files.readAllBytes(d.resolve("Release")), Files.readAllBytes(d.resolve("Release.gpg")));
        // the fixture's trixie Release.gpg belongs to an older Release than the one beside it (gpgv agrees: BAD)
        Path t = Fixtures.debianMini().resolve("dists/trixie");
        assertThatThrownBy(() -> keyring.verifyDetached(Files.readAllBytes(t.resolve("Release")),
                Files.readAllBytes(t.resolve("Release.gpg")))).isInstanceOf(SignatureException.class)
                .hasMessageContaining("BAD signature");
    }

    @Test
    void tamperedTextOrUnknownKeyIsRefused() throws Exception {
        Keyring keyring = Keyring.load(List.of(Fixtures.keyring()));
        String text = Files.readString(Fixtures.debianMini().resolve("dists/trixie/InRelease"));
        byte[] tampered = text.replace("Version: 13.8", "Version: 13.9").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> keyring.verifyInline(tampered)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("no valid signature");
        Path d = Fixtures.debianMini().resolve("dists/trixie");
        byte[] release = Files.readAllBytes(d.resolve("Release"));
        release[100] ^= 1;
        assertThatThrownBy(() -> keyring.verifyDetached(release, Files.readAllBytes(d.resolve("Release.gpg"))))
                .isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> keyring.verifyInline("Origin: Debian\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void packagesScannerPicksTheRuntimePackagesWithSourceAndVersion() throws Exception {
        Path index = Fixtures.debianMini().resolve("dists/bookworm/main/binary-amd64/Packages.xz");
        List<PackageEntry> got;
        try (InputStream in = Decompression.open("Packages.xz", Files.newInputStream(index))) {
            got = new PackagesScanner(Set.of("libc6", "libstdc++6", "libgcc-s1", "libgcc1")).scan(in);
        }
        assertThat(got).extracting(PackageEntry::name).containsExactlyInAnyOrder("libc6", "libstdc++6", "libgcc-s1");
        PackageEntry libc = got.stream().filter(p -> p.name().equals("libc6")).findFirst().orElseThrow();
        assertThat(libc.version()).isEqualTo("2.36-9+deb12u14");
        assertThat(libc.sourceName()).isEqualTo("glibc");
        assertThat(libc.filename()).isEqualTo("pool/main/g/glibc/libc6_2.36-9+deb12u14_amd64.deb");
        assertThat(libc.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(Fixtures.debianMini().resolve(libc.filename()))));
        assertThat(DebianVersion.upstream(libc.version())).isEqualTo("2.36");
        assertThat(DebianVersion.upstream("1:2.41-12+b1")).isEqualTo("2.41");
    }

    @Test
    void packagesScannerHandlesBinNmuSourceVersionsAndContinuationLines() throws Exception {
        String text = """
                Package: other
                Description: x
                 Package: libc6
                 long text

                Package: libc6
                Source: glibc (2.41-12)
                Version: 2.41-12+b1
                Architecture: amd64
                Filename: pool/main/g/glibc/libc6_2.41-12+b1_amd64.deb
                Size: 10
                SHA256: %s
                """.formatted("a".repeat(64));
        List<PackageEntry> got = new PackagesScanner(Set.of("libc6"))
                .scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(got).singleElement().satisfies(p -> {
            assertThat(p.sourceName()).isEqualTo("glibc");
            assertThat(p.sourceVersion()).isEqualTo("2.41-12");
            assertThat(p.version()).isEqualTo("2.41-12+b1");
            assertThat(p.size()).isEqualTo(10);
        });
    }

    @Test
    void aptSourcesGiveTheMainArchiveNotSecurity(@TempDir Path etc) throws Exception {
        Files.createDirectories(etc.resolve("sources.list.d"));
        Files.writeString(etc.resolve("sources.list.d/debian.sources"), """
                Types: deb
                # a comment
                URIs: http://mirror.invalid/debian-security
                Suites: bookworm-security
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb deb-src
                URIs: http://mirror.invalid/debian/
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
                """);
        Files.writeString(etc.resolve("sources.list"), """
                deb [arch=amd64 signed-by=/usr/share/keyrings/ubuntu-archive-keyring.gpg] http://other.invalid/ubuntu jammy main
                # deb http://commented.invalid/ubuntu-ports jammy main
                deb-src http://src.invalid/ubuntu-ports jammy main
                """);
        AptSources s = AptSources.read(etc);
        assertThat(s.mirrorFor("debian")).hasValueSatisfying(u -> assertThat(u.toString()).isEqualTo("http://mirror.invalid/debian"));
        assertThat(s.mirrorFor("ubuntu")).hasValueSatisfying(u -> assertThat(u.toString()).isEqualTo("http://other.invalid/ubuntu"));
        assertThat(s.mirrorFor("ubuntu-ports")).isEmpty();
        assertThat(s.entries()).anySatisfy(e -> assertThat(e.signedBy()).endsWith("ubuntu-archive-keyring.gpg"));
        assertThat(AptSources.read(etc.resolve("absent")).entries()).isEmpty();

        // apt checks Valid-Until unless told otherwise: by the host's apt.conf(.d) (last setting wins, apt.conf last),
        // or by the source's own option, which wins over both
        AptSources.Entry debian = s.entryFor("debian").orElseThrow();
        AptSources.Entry ubuntu = s.entryFor("ubuntu").orElseThrow();
        assertThat(s.checkValidUntil(debian)).isTrue();
        Path conf = Files.createDirectories(etc.resolve("apt.conf.d"));
        Files.writeString(conf.resolve("10first"), "Acquire::Check-Valid-Until \"true\";\n");
        Files.writeString(conf.resolve("99mirror"), "// a frozen mirror\nAcquire::Check-Valid-Until \"false\";\n"
                + "Acquire::Check-Date \"false\";\n");
        AptSources frozen = AptSources.read(etc);
        assertThat(frozen.checkValidUntil(frozen.entryFor("debian").orElseThrow())).isFalse();
        Files.writeString(etc.resolve("apt.conf"), "Acquire::Check-Valid-Until \"yes\";\n");
        assertThat(AptSources.read(etc).checkValidUntil(debian)).isTrue();
        Files.delete(etc.resolve("apt.conf"));
        Files.writeString(etc.resolve("sources.list"), """
                deb [check-valid-until=yes] http://other.invalid/ubuntu jammy main
                """);
        Files.writeString(etc.resolve("sources.list.d/more.sources"), """
                Types: deb
                URIs: http://third.invalid/debian-ports/
                Suites: sid
                Check-Valid-Until: no
                """);
        AptSources own = AptSources.read(etc);
        assertThat(own.checkValidUntil(own.entryFor("ubuntu").orElseThrow())).isTrue();
        assertThat(own.checkValidUntil(own.entryFor("debian-ports").orElseThrow())).isFalse();
        assertThat(ubuntu.checkValidUntil()).isNull();
    }
}
