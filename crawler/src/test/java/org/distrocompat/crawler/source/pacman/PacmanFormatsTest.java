package org.distrocompat.crawler.source.pacman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.YearMonth;
import java.util.List;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.testing.RepoFixtures;
import org.junit.jupiter.api.Test;

/** pacman's pieces on their own: desc entries, versions, snapshot dates. */
class PacmanFormatsTest {

    @Test
    void databasesOfBothCompressionsList() throws Exception {
        for (String day : List.of("2019/10/06", "2019/11/05")) {
            List<PacmanDb.Entry> e = PacmanDb.parse(Files.readAllBytes(RepoFixtures.archlinux()
                    .resolve("archive/repos/" + day + "/core/os/x86_64/core.db")));
            assertThat(e).extracting(PacmanDb.Entry::name).containsExactlyInAnyOrder("glibc", "gcc-libs");
            PacmanDb.Entry glibc = e.stream().filter(x -> x.name().equals("glibc")).findFirst().orElseThrow();
            assertThat(glibc.fileName()).isEqualTo("glibc-2.31-1-x86_64.pkg.tar.zst");
            assertThat(glibc.sha256()).hasSize(64);
            assertThat(glibc.pgpSig()).isNotBlank();
            assertThat(e.stream().filter(x -> x.name().equals("gcc-libs")).findFirst().orElseThrow().base())
                    .isEqualTo("gcc");
        }
    }

    @Test
    void aDescWithoutItsChecksumIsRefused() {
        assertThatThrownBy(() -> PacmanDb.entry("glibc-2.31-1/desc", "%FILENAME%\nglibc.pkg.tar.zst\n\n%NAME%\nglibc\n\n"
                + "%VERSION%\n2.31-1\n")).hasMessageContaining("has no %SHA256SUM%");
        assertThatThrownBy(() -> PacmanDb.entry("x/desc", "%FILENAME%\n../evil.pkg\n\n%NAME%\nx\n\n%VERSION%\n1-1\n\n"
                + "%SHA256SUM%\n" + "a".repeat(64) + "\n")).hasMessageContaining("bad %SHA256SUM% or %FILENAME%");
    }

    @Test
    void upstreamVersions() {
        assertThat(PacmanDb.upstream("2.40+r16+gaa533d58ff-2")).isEqualTo("2.40");
        assertThat(PacmanDb.upstream("14.2.1+r753+g1cd744a6828f-1")).isEqualTo("14.2.1");
        assertThat(PacmanDb.upstream("1:2.3-4")).isEqualTo("2.3");
        assertThat(PacmanDb.upstream("2.31-1")).isEqualTo("2.31");
    }

    @Test
    void snapshotDates() {
        assertThat(PacmanSourceConfig.snapshotDate("20191006")).isEqualTo(PacmanSourceConfig.snapshotDate("2019-10-06"));
        assertThatThrownBy(() -> PacmanSourceConfig.snapshotDate("yesterday")).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("neither \"latest\" nor a snapshot date");
        assertThat(PacmanSource.monthly(new PacmanSourceConfig.Monthly("2019-11", "2020-02", 31), YearMonth.of(2030, 1)))
                .containsExactly("20191130", "20191231", "20200131", "20200229");
        assertThat(PacmanSource.monthly(new PacmanSourceConfig.Monthly("2026-11", null, null), YearMonth.of(2027, 1)))
                .containsExactly("20261101", "20261201", "20270101");
        assertThat(PacmanSource.monthly(null, YearMonth.now())).isEmpty();
    }
}
