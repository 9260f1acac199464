package org.distrocompat.crawler.source.pep600;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distrocompat.db.error.UserException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Pep600NameTest {

    @ParameterizedTest(name = "{0} -> {1} {2} ({3})")
    @CsvSource({
            "debian-10.json, debian, 10, supported",
            "ubuntu-22.04.json, ubuntu, 22.04, supported",
            "photon-3.0.json, photon, 3.0, supported",
            "amazonlinux-2023.json, amazonlinux, 2023, supported",
            "opensuse-leap-15.6.json, opensuse-leap, 15.6, supported",
            "openeuler-24.03.json, openeuler, 24.03, supported",
            "manylinux-2_24.json, manylinux, 2_24, supported",
            "centos-stream9.json, centos-stream, 9, supported",
            "alt-p10.json, alt, p10, supported",
            "alt-sisyphus.json, alt, sisyphus, rolling",
            "archlinux-20191006.json, archlinux, 20191006, rolling",
            "archlinux-latest.json, archlinux, latest, rolling",
            "clearlinux-latest.json, clearlinux, latest, rolling",
            "fedora-rawhide.json, fedora, rawhide, rolling",
            "opensuse-tumbleweed.json, opensuse, tumbleweed, rolling",
            "debian-unstable.json, debian, unstable, rolling",
            "debian-testing.json, debian, testing, devel",
            "debian-experimental.json, debian, experimental, devel",
            "ubuntu-devel.json, ubuntu, devel, devel",
            "ubuntu-rolling.json, ubuntu, rolling, rolling",
            "mageia-cauldron.json, mageia, cauldron, rolling",
            "slackware-current.json, slackware, current, rolling",
            "alpine-edge.json, alpine, edge, rolling",
            "debian-bullseye.json, debian, bullseye, unknown"})
    void fileNamesSplitIntoDistroReleaseAndStatus(String file, String distro, String release, String status) {
        Pep600Name n = Pep600Name.parse(file);
        assertThat(n.distro()).isEqualTo(distro);
        assertThat(n.release()).isEqualTo(release);
        assertThat(n.status()).isEqualTo(status);
    }

    @Test
    void namesWithoutADistroPartAreRejected() {
        assertThatThrownBy(() -> Pep600Name.parse("debian.json")).hasMessageContaining("<distro>-<version>");
        assertThatThrownBy(() -> Pep600Name.parse("-12.json")).isInstanceOf(UserException.class);
    }

    @Test
    void displayNames() {
        assertThat(Pep600Name.parse("opensuse-15.6").displayName()).isEqualTo("openSUSE");
        assertThat(Pep600Name.parse("newdistro-1").displayName()).isEqualTo("Newdistro");
    }
}
