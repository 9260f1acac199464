package org.distrocompat.crawler.source.apt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distrocompat.crawler.run.CrawlRequest;
import org.distrocompat.crawler.run.Crawler;
import org.distrocompat.crawler.source.Overrides;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.source.SourcesFile;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.model.Arch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration of apt sources: mirror resolution, architecture mapping and release identity. */
class AptSourceConfigTest {
    @TempDir
    Path tmp;

    private Path config(String json) throws Exception {
        Path f = tmp.resolve("sources.json");
        Files.writeString(f, json);
        return f;
    }

    private static AptSourceConfig resolve(CrawlRequest request) {
        return (AptSourceConfig) Crawler.resolveConfig(request);
    }

    private Path apt(String sources) throws Exception {
        Path d = tmp.resolve("apt");
        Files.createDirectories(d.resolve("sources.list.d"));
        Files.writeString(d.resolve("sources.list.d/host.sources"), sources);
        return d;
    }

    @Test
    void mirrorsComeFromFlagsConfigurationOrTheHostsAptSources() throws Exception {
        Path empty = config("{\"sources\": []}");
        Path host = apt("""
                Types: deb
                URIs: http://archive.invalid/ubuntu/
                Suites: noble noble-updates
                Components: main

                Types: deb
                URIs: http://ports.invalid/ubuntu-ports
                Suites: noble
                Components: main
                """);
        AptSourceConfig ubuntu = resolve(new CrawlRequest("ubuntu", null, List.of(), List.of(), empty,
                List.of(), false, null, host, "test"));
        assertThat(ubuntu.mirrors()).extracting(AptSourceConfig.Mirror::url)
                .containsExactly("http://archive.invalid/ubuntu", "http://ports.invalid/ubuntu-ports");
        assertThat(ubuntu.mirrors().get(1).architectures()).contains("arm64", "ppc64el", "s390x");
        assertThat(ubuntu.releaseVersion()).isEqualTo("full");

        // Debian is not in these apt sources: one clear line asking for --mirror
        assertThatThrownBy(() -> resolve(new CrawlRequest("debian", null, List.of(), List.of(), empty,
                List.of(), false, null, host, "test"))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("--mirror").hasMessageNotContaining("\n");

        AptSourceConfig flagged = resolve(new CrawlRequest("debian", "http://flag.invalid/debian/", List.of("bookworm"),
                List.of("arm64"), empty, List.of(), false, null, host, "test"));
        assertThat(flagged.mirrors()).extracting(AptSourceConfig.Mirror::url).containsExactly("http://flag.invalid/debian");
        assertThat(flagged.suites()).containsExactly("bookworm");
        assertThat(flagged.architectures()).containsExactly("arm64");

        Path custom = config("""
                {"sources": [
                  {"name": "debian", "mirrors": [{"url": "http://config.invalid/debian"}], "suites": ["trixie"],
                   "packages": ["libc6", "libstdc++6", "libgcc-s1", "libatomic1"], "libraries": ["libatomic.so.1"]},
                  {"name": "debian-ports", "distro": "debian", "mirrors": [{"url": "http://config.invalid/debian-ports"}],
                   "architectures": ["ppc64", "loong64"], "unsigned": true}
                ]}""");
        AptSourceConfig debian = resolve(CrawlRequest.of("debian").withConfig(custom).withAptDir(host));
        assertThat(debian.mirrors()).extracting(AptSourceConfig.Mirror::url).containsExactly("http://config.invalid/debian");
        assertThat(debian.suites()).containsExactly("trixie");
        assertThat(debian.libraries()).containsExactly("libatomic.so.1");
        assertThat(debian.aliases()).contains("stable", "testing"); // untouched defaults stay
        AptSourceConfig ports = resolve(CrawlRequest.of("debian-ports").withConfig(custom).withAptDir(host));
        assertThat(ports.distro()).isEqualTo("debian");
        assertThat(ports.unsigned()).isTrue();
        assertThat(ports.keyring()).isNull();

        assertThatThrownBy(() -> resolve(CrawlRequest.of("debian").withConfig(tmp.resolve("absent.json"))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> resolve(CrawlRequest.of("debian").withConfig(config("{not json"))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("cannot read configuration");
    }

    @Test
    void architecturesMapToWheelNamesAndUnmappableOnesAreSkipped() {
        ReleaseFile r = ReleaseFile.parse("""
                Suite: stable
                Codename: trixie
                Version: 13.8
                Architectures: all amd64 arm64 armel armhf i386 mips64el ppc64el riscv64 s390x loong64
                """, "0".repeat(64));
        AptSourceConfig all = (AptSourceConfig) SourcesFile.defaults().source("debian").orElseThrow();
        AptSourceConfig.Mirror anyArch = new AptSourceConfig.Mirror("http://m.invalid/debian", null, List.of());
        Map<String, Arch> m = AptSource.architectures(r, anyArch, all);
        assertThat(m).containsOnlyKeys("amd64", "arm64", "armhf", "i386", "ppc64el", "riscv64", "s390x", "loong64");
        assertThat(m.get("ppc64el")).isEqualTo(Arch.PPC64LE);
        assertThat(m.get("loong64")).isEqualTo(Arch.LOONGARCH64);
        assertThat(AptSource.architectures(r, anyArch, all.withOverrides(new Overrides("http://m.invalid/debian", List.of(), List.of("x86_64", "arm64"), List.of(), false, null)))).containsOnlyKeys("amd64", "arm64");
        AptSourceConfig.Mirror ports = new AptSourceConfig.Mirror("http://m.invalid/ports", null, List.of("s390x"));
        assertThat(AptSource.architectures(r, ports, all)).containsOnlyKeys("s390x");
    }

    @Test
    void releaseIdentityFollowsTheReleaseFile() {
        ReleaseFile stable = ReleaseFile.parse("Suite: stable\nCodename: trixie\nVersion: 13.8\n", "x");
        ReleaseFile testing = ReleaseFile.parse("Suite: testing\nCodename: forky\n", "x");
        ReleaseFile unstable = ReleaseFile.parse("Suite: unstable\nCodename: sid\n", "x");
        ReleaseFile oldold = ReleaseFile.parse("Suite: oldoldstable\nCodename: bullseye\nVersion: 11.11\n", "x");
        ReleaseFile ubuntu = ReleaseFile.parse("Suite: jammy\nCodename: jammy\nVersion: 22.04\n", "x");
        AptSourceConfig debian = (AptSourceConfig) SourcesFile.defaults().source("debian").orElseThrow();
        AptSourceConfig ubuntuSource = (AptSourceConfig) SourcesFile.defaults().source("ubuntu").orElseThrow();
        assertThat(AptReleaseIdentity.of(debian, stable, "trixie"))
                .isEqualTo(new ReleaseId("debian", "Debian", "13", "trixie", ReleaseStatus.SUPPORTED, Libc.GLIBC));
        assertThat(AptReleaseIdentity.of(debian, testing, "forky"))
                .isEqualTo(new ReleaseId("debian", "Debian", "testing", "forky", ReleaseStatus.DEVEL, Libc.GLIBC));
        assertThat(AptReleaseIdentity.of(debian, unstable, "sid"))
                .isEqualTo(new ReleaseId("debian", "Debian", "unstable", "sid", ReleaseStatus.ROLLING, Libc.GLIBC));
        assertThat(AptReleaseIdentity.of(debian, oldold, "bullseye").version()).isEqualTo("11");
        assertThat(AptReleaseIdentity.of(ubuntuSource, ubuntu, "jammy"))
                .isEqualTo(new ReleaseId("ubuntu", "Ubuntu", "22.04", "jammy", ReleaseStatus.SUPPORTED, Libc.GLIBC));
    }
}
