package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.query.PolicyCell;

/** The derivation rule on hand-made cells (no database). */
class PolicyGeneratorTest {
    private static int ids;

    /** A cell: versions as "PREFIX_version" names; covered = the prefixes given (also when empty). */
    private static PolicyCell cell(String label, String status, String arch, String glibc, Map<String, List<String>> symbols,
            String... names) {
        Map<String, Set<String>> versions = new HashMap<>();
        Set<String> covered = new TreeSet<>();
        for (String n : names) {
            int u = n.indexOf('_');
            if (u < 0) {
                covered.add(n); // a prefix covered with no versions
                continue;
            }
            covered.add(n.substring(0, u));
            versions.computeIfAbsent(n.substring(0, u), k -> new TreeSet<>()).add(n.substring(u + 1));
        }
        int dash = label.lastIndexOf('-');
        Map<String, Set<String>> syms = new HashMap<>();
        symbols.forEach((k, v) -> syms.put(k, new TreeSet<>(v)));
        return new PolicyCell(++ids, label.substring(0, dash), label.substring(dash + 1), ReleaseStatus.fromDb(status),
                Arch.parse(arch), Libc.GLIBC, glibc, Provenance.IMPORTED, versions, covered, Set.of(), syms);
    }

    private static PolicyCell cell(String label, String arch, String glibc, String... names) {
        return cell(label, "supported", arch, glibc, Map.of(), names);
    }

    private static PolicySet derive(List<PolicyCell> cells) {
        return new PolicyGenerator(MainstreamConfig.defaults()).generate(cells, Set.of());
    }

    private static Policy policy(PolicySet set, String name) {
        return set.policies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void intersectionOfEveryMainstreamReleaseWithGlibcAtLeast2Y() {
        PolicySet set = derive(List.of(
                cell("centos-7", "x86_64", "2.17", "GLIBC_2.17", "GLIBCXX_3.4.19", "GLIBCXX_3.4.18"),
                cell("photon-3.0", "x86_64", "2.28", "GLIBC_2.17", "GLIBC_2.28", "GLIBCXX_3.4.19", "GLIBCXX_3.4.24",
                        "GLIBCXX_3.4.18"),
                cell("debian-10", "x86_64", "2.28", "GLIBC_2.17", "GLIBC_2.28", "GLIBCXX_3.4.19", "GLIBCXX_3.4.24",
                        "GLIBCXX_3.4.25", "GLIBCXX_3.4.18"),
                cell("fedora-rawhide", "rolling", "x86_64", "2.44", Map.of(), "GLIBC_2.17")));
        assertThat(set.policies()).extracting(Policy::name).containsExactly("linux", "manylinux_2_17", "manylinux_2_28");
        assertThat(policy(set, "manylinux_2_17").aliases()).containsExactly("manylinux2014");
        assertThat(policy(set, "manylinux_2_17").symbolVersions().get("x86_64").get("GLIBCXX"))
                .containsExactly("3.4.18", "3.4.19");
        assertThat(policy(set, "manylinux_2_28").symbolVersions().get("x86_64").get("GLIBCXX"))
                .containsExactly("3.4.18", "3.4.19", "3.4.24");
        assertThat(policy(set, "manylinux_2_17").symbolVersions().get("x86_64").get("GLIBC")).containsExactly("2.17");
        assertThat(set.excludedCells()).containsEntry("fedora-rawhide x86_64", "status rolling");
        assertThat(PolicyExplainer.lines(set))
                .contains("manylinux_2_28 x86_64: GLIBCXX ≤ 3.4.24 because photon-3.0 defines no 3.4.25");
    }

    @Test
    void aPrefixARecordDoesNotListDoesNotConstrainButAnEmptyOneDoes() {
        PolicySet set = derive(List.of(
                cell("old-1", "x86_64", "2.17", "GLIBC_2.17"),                        // no LIBATOMIC entry: unknown
                cell("new-1", "x86_64", "2.17", "GLIBC_2.17", "LIBATOMIC_1.0"),
                cell("ubi-7", "aarch64", "2.17", "GLIBC_2.17", "LIBATOMIC")));        // "LIBATOMIC": [] -> none
        Policy p = policy(set, "manylinux_2_17");
        assertThat(p.symbolVersions().get("x86_64").get("LIBATOMIC")).containsExactly("1.0");
        assertThat(p.symbolVersions().get("aarch64").get("LIBATOMIC")).isEmpty();
        assertThat(p.symbolVersions().get("x86_64").get("ZLIB")).isEmpty();
        // libatomic.so.1 is kept by the keep rule (gcc's runtime, installable everywhere), and the derivation says so
        assertThat(p.libWhitelist()).contains("libatomic.so.1", "libc.so.6", "libz.so.1");
        assertThat(set.derivations().get("manylinux_2_17").whitelistKept())
                .containsEntry("libatomic.so.1", List.of("ubi-7 aarch64"));
        assertThat(PolicyExplainer.lines(set)).contains("manylinux_2_17 lib_whitelist: libatomic.so.1 kept by the keep rule "
                + "(installable runtime) although lacking in ubi-7 aarch64");
        // without the rule, a release known to lack it takes it off
        PolicySet strict = new PolicyGenerator(MainstreamConfig.parse("keep\n", "test")).generate(List.of(
                cell("new-1", "x86_64", "2.17", "GLIBC_2.17", "LIBATOMIC_1.0"),
                cell("ubi-7", "aarch64", "2.17", "GLIBC_2.17", "LIBATOMIC")), Set.of());
        assertThat(policy(strict, "manylinux_2_17").libWhitelist()).doesNotContain("libatomic.so.1");
        assertThat(strict.derivations().get("manylinux_2_17").whitelistExcluded())
                .containsEntry("libatomic.so.1", List.of("ubi-7 aarch64"));
    }

    @Test
    void aPrefixNoReleaseInScopeRecordsCarriesOverFromThePolicyBelow() {
        // as on a live home: i686 above glibc 2.38 is a crawled Debian release, whose crawl reads no libatomic or zlib
        PolicySet set = derive(List.of(
                cell("ubuntu-23.10", "x86_64", "2.38", "GLIBC_2.38", "LIBATOMIC_1.0", "ZLIB_1.2.0"),
                cell("ubuntu-23.10", "i686", "2.38", "GLIBC_2.38", "LIBATOMIC_1.0", "LIBATOMIC_1.1", "ZLIB_1.2.0"),
                cell("ubuntu-24.04", "x86_64", "2.39", "GLIBC_2.38", "GLIBC_2.39", "LIBATOMIC_1.0", "ZLIB_1.2.0"),
                cell("debian-13", "i686", "2.41", "GLIBC_2.38", "GLIBC_2.39", "GLIBC_2.41")));
        Policy p = policy(set, "manylinux_2_39");
        assertThat(p.symbolVersions().get("i686").get("LIBATOMIC")).containsExactly("1.0", "1.1");
        assertThat(p.symbolVersions().get("i686").get("ZLIB")).containsExactly("1.2.0");
        assertThat(p.symbolVersions().get("i686").get("GLIBC")).contains("2.39").doesNotContain("2.41");
        // auditwheel's loader invariants hold (an emptied prefix made the policy smaller than manylinux_2_38's)
        assertThat(PolicyInvariants.check(set.policies(), set.derivations())).isEmpty();
        assertThat(PolicyExplainer.lines(set)).anyMatch(l -> l.startsWith("manylinux_2_39 i686: LIBATOMIC")
                && l.contains("no release in scope records LIBATOMIC: manylinux_2_38's versions carried over"));
    }

    @Test
    void aBuildImageWitnessesNoBackportAndTheGapRuleIsVisible() {
        List<PolicyCell> cells = List.of(
                cell("manylinux-2_34", "i686", "2.34", "GLIBC_2.34", "GLIBC_2.35", "GLIBCXX_3.4.29"),
                cell("debian-12", "i686", "2.36", "GLIBC_2.34", "GLIBC_2.35", "GLIBC_2.36", "GLIBCXX_3.4.29",
                        "GLIBCXX_3.4.30"),
                cell("alma-9", "x86_64", "2.34", "GLIBC_2.34", "GLIBCXX_3.4.29"),
                cell("ubuntu-22.04", "riscv64", "2.35", "GLIBC_2.34", "GLIBC_2.35", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30"),
                cell("ubuntu-20.04", "riscv64", "2.31", "GLIBC_2.31", "GLIBCXX_3.4.28"));
        PolicySet next = derive(cells);
        Policy p = policy(next, "manylinux_2_34");
        // only an image is at glibc 2.34 on i686: its GLIBC_2.35 is not a backport any release witnesses
        assertThat(p.symbolVersions().get("i686").get("GLIBC")).containsExactly("2.34");
        // riscv64 has no release at 2.34: GLIBCXX from its next release (gap rule next) ...
        assertThat(p.symbolVersions().get("riscv64").get("GLIBCXX")).containsExactly("3.4.29", "3.4.30");
        assertThat(next.derivations().get("manylinux_2_34").bounds().get("riscv64").get("GLIBCXX").rule())
                .isEqualTo("no riscv64 release at glibc 2.34 (build images aside): taken from its next releases (gap rule next)");
        // ... or capped at x86_64's (gap rule x86_64, what the official file does)
        PolicySet x86 = new PolicyGenerator(MainstreamConfig.defaults().withGap(MainstreamConfig.GapRule.X86_64))
                .generate(cells, Set.of());
        assertThat(policy(x86, "manylinux_2_34").symbolVersions().get("riscv64").get("GLIBCXX")).containsExactly("3.4.29");
        assertThat(PolicyExplainer.lines(x86)).anyMatch(l -> l.startsWith("manylinux_2_34 riscv64: GLIBCXX ≤ 3.4.29")
                && l.contains("capped at the x86_64 bound 3.4.29 (gap rule x86_64)"));
    }

    @Test
    void nonDefaultSymbolVersionsAreNotBlacklistedButMakeTheNamePresent() {
        PolicySet set = derive(List.of(
                cell("d-11", "supported", "x86_64", "2.31", Map.of("libc.so.6", List.of("open@@GLIBC_2.2.5")), "GLIBC_2.2.5"),
                cell("d-12", "supported", "x86_64", "2.36", Map.of("libc.so.6",
                        List.of("open@@GLIBC_2.2.5", "pthread_create@GLIBC_2.2.5", "pthread_create@@GLIBC_2.34",
                                "__libc_x@@GLIBC_2.2.5")), "GLIBC_2.2.5", "GLIBC_2.34"),
                cell("d-13", "supported", "x86_64", "2.41", Map.of("libc.so.6",
                        List.of("open@@GLIBC_2.2.5", "__libc_x@GLIBC_2.2.5")), "GLIBC_2.2.5", "GLIBC_2.34")));
        // d-12's default __libc_x@@GLIBC_2.2.5 links, d-11 lacks it: blacklisted; pthread_create@GLIBC_2.2.5 is only
        // a compat symbol (nothing links against it), and d-13's __libc_x@GLIBC_2.2.5 still makes the name present
        assertThat(policy(set, "manylinux_2_31").blacklist()).containsEntry("libc.so.6", List.of("__libc_x"));
        assertThat(set.derivations().get("manylinux_2_31").blacklistReasons().get("libc.so.6"))
                .containsEntry("__libc_x", List.of("d-11 x86_64"));
    }

    @Test
    void glibcVersionsNewerThan2YNeedABackportOnThatArch() {
        PolicySet set = derive(List.of(
                cell("centos-7", "aarch64", "2.17", "GLIBC_2.17", "GLIBC_2.18"),         // backport: allowed
                cell("debian-9", "aarch64", "2.24", "GLIBC_2.17", "GLIBC_2.18", "GLIBC_2.24"),
                cell("alma-9", "i686", "2.34", "GLIBC_2.34", "GLIBC_2.35"),
                cell("debian-12", "i686", "2.36", "GLIBC_2.34", "GLIBC_2.35", "GLIBC_2.36", "GLIBC_ABI_DT_RELR",
                        "GLIBC_PRIVATE"),
                cell("debian-13", "i686", "2.41", "GLIBC_2.34", "GLIBC_2.35", "GLIBC_2.36", "GLIBC_ABI_DT_RELR",
                        "GLIBC_PRIVATE")));
        assertThat(policy(set, "manylinux_2_17").symbolVersions().get("aarch64").get("GLIBC")).containsExactly("2.17", "2.18");
        assertThat(policy(set, "manylinux_2_24").symbolVersions().get("aarch64").get("GLIBC"))
                .containsExactly("2.17", "2.18", "2.24");
        // only alma-9 has glibc 2.34 on i686 and it defines GLIBC_2.35: allowed; 2.36 and ABI_DT_RELR are not
        assertThat(policy(set, "manylinux_2_34").symbolVersions().get("i686").get("GLIBC")).containsExactly("2.34", "2.35");
        assertThat(policy(set, "manylinux_2_36").symbolVersions().get("i686").get("GLIBC"))
                .containsExactly("2.34", "2.35", "2.36", "ABI_DT_RELR");
        assertThat(policy(set, "manylinux_2_41").symbolVersions().get("i686").get("GLIBC")).doesNotContain("PRIVATE");
        // i686 does not join 2_17/2_24 (no i686 release that old); aarch64 does not join 2_34+... it does: 2.17 <= 2.34
        assertThat(policy(set, "manylinux_2_17").symbolVersions()).containsOnlyKeys("aarch64");
        assertThat(policy(set, "manylinux_2_34").symbolVersions()).containsOnlyKeys("i686");
    }

    @Test
    void blacklistHoldsSymbolsTheVersionCheckWouldNotCatch() {
        Map<String, List<String>> oldZ = Map.of("libz.so.1", List.of("adler32", "deflate"));
        Map<String, List<String>> newZ = Map.of("libz.so.1",
                List.of("adler32", "deflate", "_tr_init", "gzbuffer@@ZLIB_1.2.3.5", "inflateReset2@@ZLIB_1.2.3.4"));
        PolicySet set = derive(List.of(
                cell("old-1", "supported", "x86_64", "2.12", oldZ, "GLIBC_2.12", "ZLIB"),
                cell("new-1", "supported", "x86_64", "2.17", newZ, "GLIBC_2.12", "GLIBC_2.17", "ZLIB_1.2.3.4",
                        "ZLIB_1.2.3.5"),
                cell("new-2", "supported", "x86_64", "2.17", Map.of("libz.so.1",
                        List.of("adler32", "deflate", "gzbuffer@@ZLIB_1.2.3.5", "inflateReset2@@ZLIB_1.2.3.4")),
                        "GLIBC_2.12", "GLIBC_2.17", "ZLIB_1.2.3.4", "ZLIB_1.2.3.5")));
        // 2_12: ZLIB versions are not allowed (old-1 has none), so versioned symbols are caught; _tr_init is not
        assertThat(policy(set, "manylinux_2_12").blacklist()).containsEntry("libz.so.1", List.of("_tr_init"));
        assertThat(set.derivations().get("manylinux_2_12").blacklistReasons().get("libz.so.1"))
                .containsEntry("_tr_init", List.of("new-2 x86_64", "old-1 x86_64"));
        assertThat(policy(set, "manylinux_2_17").blacklist()).containsEntry("libz.so.1", List.of("_tr_init"));
    }

    @Test
    void prioritiesFollowAuditwheelAndFallAsYGrows() {
        assertThat(PolicyGenerator.priority(5)).isEqualTo(100);
        assertThat(PolicyGenerator.priority(12)).isEqualTo(90);
        assertThat(PolicyGenerator.priority(17)).isEqualTo(80);
        assertThat(PolicyGenerator.priority(24)).isEqualTo(70);
        assertThat(PolicyGenerator.priority(26)).isEqualTo(68);
        assertThat(PolicyGenerator.priority(27)).isEqualTo(65);
        assertThat(PolicyGenerator.priority(41)).isEqualTo(51);
        List<Integer> all = new ArrayList<>();
        for (int y = 0; y <= 90; y++) {
            all.add(PolicyGenerator.priority(y));
        }
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i)).as("priority of 2_%d", i).isLessThan(all.get(i - 1));
        }
    }

    @Test
    void mainstreamConfigurationIsVisibleAndRoundTrips() {
        MainstreamConfig c = MainstreamConfig.defaults().withInclude(List.of("debian-testing")).withExclude(List.of("photon"));
        MainstreamConfig back = MainstreamConfig.parse(c.render(), "test");
        assertThat(back).isEqualTo(c);
        assertThat(c.summary()).contains("status eol|supported", "plus debian-testing", "minus photon");
        PolicyCell testing = cell("debian-testing", "devel", "x86_64", "2.42", Map.of(), "GLIBC_2.42");
        PolicyCell photon = cell("photon-3.0", "x86_64", "2.28", "GLIBC_2.28");
        assertThat(c.isMainstream(testing)).isTrue();
        assertThat(c.exclusionReason(photon)).isEqualTo("excluded by configuration");
    }
}
