package org.distrocompat.crawler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.distrocompat.crawler.source.apt.AptSourceConfig;
import org.distrocompat.crawler.source.pep600.Pep600Name;
import org.distrocompat.crawler.source.pacman.PacmanSourceConfig;
import org.distrocompat.crawler.source.rpm.RpmSourceConfig;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.trust.BundledKeyrings;
import org.junit.jupiter.api.Test;

/** The built-in source catalog: every family the issue lists, loadable, keyed as the pep600 records are. */
class CatalogTest {
    private static final List<SourceConfig> CATALOG = SourcesFile.defaults().sources();

    @Test
    void listsEveryFamilyWithItsKind() {
        assertThat(CATALOG).extracting(SourceConfig::name).contains("debian", "ubuntu", "ubuntu-old-releases",
                "debian-archive", "fedora", "fedora-archive", "centos", "centos-altarch", "centos-8", "centos-stream",
                "centos-stream-8", "almalinux", "rockylinux", "oraclelinux", "opensuse", "opensuse-archive",
                "opensuse-tumbleweed", "amazonlinux");
        assertThat(CATALOG).filteredOn(s -> s.type().equals("rpm")).extracting(SourceConfig::distro)
                .contains("fedora", "centos", "centos-stream", "almalinux", "rockylinux", "oraclelinux", "opensuse",
                        "amazonlinux");
        assertThat(CATALOG).filteredOn(s -> s.name().equals("debian-archive") || s.name().equals("ubuntu-old-releases"))
                .allSatisfy(s -> assertThat(((AptSourceConfig) s).archived()).isTrue());
    }

    @Test
    void everyKeyringTheCatalogNamesIsShippedOrOptional() {
        for (SourceConfig s : CATALOG) {
            List<String> keyrings;
            if (s instanceof RpmSourceConfig r) {
                keyrings = r.keyrings();
            } else if (s instanceof AptSourceConfig a) {
                keyrings = a.keyrings();
            } else if (s instanceof PacmanSourceConfig p) {
                // Arch's keyring is Debian's archlinux-keyring package on the host; nothing is bundled for it
                assertThat(p.keyrings()).as(s.name()).isNotEmpty();
                continue;
            } else {
                continue; // apk: the Alpine signing keys ship inside the jar
            }
            assertThat(keyrings).as(s.name()).isNotEmpty();
            // a host path may be absent (the host has no such keyring); then a bundled one stands in
            assertThat(keyrings.stream().filter(k -> k.startsWith(BundledKeyrings.PREFIX)))
                    .as(s.name()).allMatch(BundledKeyrings::exists);
            if (!s.name().equals("debian")) {
                assertThat(keyrings).as(s.name()).anyMatch(k -> k.startsWith(BundledKeyrings.PREFIX));
            }
        }
    }

    @Test
    void releaseIdentitiesAreThoseOfThePep600Records() throws IOException {
        Set<String> catalog = new HashSet<>();
        for (SourceConfig s : CATALOG) {
            if (s instanceof RpmSourceConfig r) {
                for (RpmSourceConfig.Release rel : r.releases()) {
                    // a record named <distro>-<release>.json means the same (distro, release) as the crawled cell
                    Pep600Name n = Pep600Name.parse(r.distro() + "-" + rel.release() + ".json");
                    assertThat(n.distro() + " " + n.release()).as(s.name())
                            .isEqualTo(r.distro() + " " + rel.release());
                    catalog.add(n.distro() + " " + n.release());
                }
            }
        }
        Set<String> records = new HashSet<>();
        try (Stream<Path> files = Files.list(Fixtures.shared().resolve("reference/pep600-cache/x86_64"))) {
            files.forEach(f -> {
                Pep600Name n = Pep600Name.parse(f.getFileName().toString());
                records.add(n.distro() + " " + n.release());
            });
        }
        assertThat(catalog).containsAll(List.of("centos 7", "centos 8", "centos-stream 9", "centos-stream 10",
                "almalinux 9", "rockylinux 9", "oraclelinux 8", "opensuse 15.6", "opensuse tumbleweed",
                "amazonlinux 2023", "fedora 40", "fedora rawhide"));
        Set<String> superseding = new HashSet<>(catalog);
        superseding.retainAll(records);
        assertThat(superseding).as("catalog releases a pep600 record describes")
                .contains("centos 7", "centos 8", "centos-stream 9", "almalinux 9", "rockylinux 9", "oraclelinux 8",
                        "opensuse 15.6", "opensuse tumbleweed", "amazonlinux 2023", "amazonlinux 2", "fedora 40",
                        "fedora rawhide");
    }

    @Test
    void anRpmSourceWithoutMirrorAsksForOneAndNamesTheLayout() {
        SourceConfig centos = CATALOG.stream().filter(s -> s.name().equals("centos-stream")).findFirst().orElseThrow();
        assertThatThrownBy(() -> centos.withOverrides(Overrides.NONE)).isInstanceOf(SourceConfigException.class)
                .hasMessage("no mirror for centos-stream: mirror URLs are configuration; pass --mirror URL (or set "
                        + "\"mirror\" in sources.json) for a tree laid out as {path}/BaseOS/{arch}/os + "
                        + "{path}/AppStream/{arch}/os");
        assertThat(centos.withOverrides(new Overrides("http://127.0.0.1:1/centos-stream", List.of(), List.of(),
                List.of(), false, null)).parallelism()).isEqualTo(4);
    }
}
