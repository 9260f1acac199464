package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distrocompat.crawler.source.apt.ReleaseFile;
import org.distrocompat.db.model.Arch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration, mirror resolution, architecture mapping and release identity. */
class CrawlConfigTest {
    @TempDir
    Path tmp;

    private Path config(String json) throws Exception {
        Path f = tmp.resolve("sources.json");
        Files.writeString(f, json);
        return f;
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
        SourceConfig ubuntu = Crawler.resolveConfig(new CrawlRequest("ubuntu", null, List.of(), List.of(), empty,
                List.of(), false, null, host, "test"));
        assertThat(ubuntu.mirrors()).extracting(SourceConfig.Mirror::url)
                .containsExactly("http://archive.invalid/ubuntu", "http://ports.invalid/ubuntu-ports");
        assertThat(ubuntu.mirrors().get(1).architectures()).contains("arm64", "ppc64el", "s390x");
        assertThat(ubuntu.releaseVersion()).isEqualTo("full");

        // Debian is not in these apt sources: one clear line asking for --mirror
        assertThatThrownBy(() -> Crawler.resolveConfig(new CrawlRequest("debian", null, List.of(), List.of(), empty,
                List.of(), false, null, host, "test"))).isInstanceOf(CrawlConfigException.class)
                .hasMessageContaining("--mirror").hasMessageNotContaining("\n");

        SourceConfig flagged = Crawler.resolveConfig(new CrawlRequest("debian", "http://flag.invalid/debian/", List.of("bookworm"),
                List.of("arm64"), empty, List.of(), false, null, host, "test"));
        assertThat(flagged.mirrors()).extracting(SourceConfig.Mirror::url).containsExactly("http://flag.invalid/debian");
        assertThat(flagged.suites()).containsExactly("bookworm");
        assertThat(flagged.architectures()).containsExactly("arm64");

        Path custom = config("""
                {"sources": [
                  {"name": "debian", "mirrors": [{"url": "http://config.invalid/debian"}], "suites": ["trixie"],
                   "packages": ["libc6", "libstdc++6", "libgcc-s1", "libatomic1"], "libraries": ["libatomic.so.1"]},
                  {"name": "debian-ports", "distro": "debian", "mirrors": [{"url": "http://config.invalid/debian-ports"}],
                   "architectures": ["ppc64", "loong64"], "unsigned": true}
                ]}""");
        SourceConfig debian = Crawler.resolveConfig(CrawlRequest.of("debian").withConfig(custom).withAptDir(host));
        assertThat(debian.mirrors()).extracting(SourceConfig.Mirror::url).containsExactly("http://config.invalid/debian");
        assertThat(debian.suites()).containsExactly("trixie");
        assertThat(debian.libraries()).containsExactly("libatomic.so.1");
        assertThat(debian.aliases()).contains("stable", "testing"); // untouched defaults stay
        SourceConfig ports = Crawler.resolveConfig(CrawlRequest.of("debian-ports").withConfig(custom).withAptDir(host));
        assertThat(ports.distro()).isEqualTo("debian");
        assertThat(ports.unsigned()).isTrue();
        assertThat(Crawler.keyring(ports)).isNull();

        assertThatThrownBy(() -> Crawler.resolveConfig(CrawlRequest.of("debian").withConfig(tmp.resolve("absent.json"))))
                .isInstanceOf(CrawlConfigException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Crawler.resolveConfig(CrawlRequest.of("debian").withConfig(config("{not json"))))
                .isInstanceOf(CrawlConfigException.class).hasMessageContaining("cannot read configuration");
    }

    @Test
    void architecturesMapToWheelNamesAndUnmappableOnesAreSkipped() {
        ReleaseFile r = ReleaseFile.parse("""
                Suite: stable
                Codename: trixie
                Version: 13.8
                Architectures: all amd64 arm64 armel armhf i386 mips64el ppc64el riscv64 s390x loong64
                """, "0".repeat(64));
        SourceConfig all = SourcesFile.defaults().source("debian").orElseThrow();
        SourceConfig.Mirror anyArch = new SourceConfig.Mirror("http://m.invalid/debian", null, List.of());
        Map<String, Arch> m = Crawler.architectures(r, anyArch, all);
        assertThat(m).containsOnlyKeys("amd64", "arm64", "armhf", "i386", "ppc64el", "riscv64", "s390x", "loong64");
        assertThat(m.get("ppc64el")).isEqualTo(Arch.PPC64LE);
        assertThat(m.get("loong64")).isEqualTo(Arch.LOONGARCH64);
        assertThat(Crawler.architectures(r, anyArch, all.withArchitectures(List.of("x86_64", "arm64")))).containsOnlyKeys("amd64", "arm64");
        SourceConfig.Mirror ports = new SourceConfig.Mirror("http://m.invalid/ports", null, List.of("s390x"));
        assertThat(Crawler.architectures(r, ports, all)).containsOnlyKeys("s390x");
    }

    @Test
    void releaseIdentityFollowsTheReleaseFile() {
        ReleaseFile stable = ReleaseFile.parse("Suite: stable\nCodename: trixie\nVersion: 13.8\n", "x");
        ReleaseFile testing = ReleaseFile.parse("Suite: testing\nCodename: forky\n", "x");
        ReleaseFile unstable = ReleaseFile.parse("Suite: unstable\nCodename: sid\n", "x");
        ReleaseFile oldold = ReleaseFile.parse("Suite: oldoldstable\nCodename: bullseye\nVersion: 11.11\n", "x");
        ReleaseFile ubuntu = ReleaseFile.parse("Suite: jammy\nCodename: jammy\nVersion: 22.04\n", "x");
        assertThat(ReleaseIdentity.of(stable, "trixie", "major")).isEqualTo(new ReleaseIdentity("13", "trixie", "supported"));
        assertThat(ReleaseIdentity.of(testing, "forky", "major")).isEqualTo(new ReleaseIdentity("testing", "forky", "devel"));
        assertThat(ReleaseIdentity.of(unstable, "sid", "major")).isEqualTo(new ReleaseIdentity("unstable", "sid", "rolling"));
        assertThat(ReleaseIdentity.of(oldold, "bullseye", "major").version()).isEqualTo("11");
        assertThat(ReleaseIdentity.of(ubuntu, "jammy", "full")).isEqualTo(new ReleaseIdentity("22.04", "jammy", "supported"));
    }
}
