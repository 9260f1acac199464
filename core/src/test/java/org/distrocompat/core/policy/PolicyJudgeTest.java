package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auditwheel's judgement against the official manylinux policy, and what loading it costs the check path. */
class PolicyJudgeTest {
    private static final PolicyJudge OFFICIAL = PolicyJudge.officialManylinux();

    private static SortedMap<String, SortedSet<String>> needs(String soname, String... versions) {
        SortedMap<String, SortedSet<String>> m = new TreeMap<>();
        m.put(soname, new TreeSet<>(Arrays.asList(versions)));
        return m;
    }

    @Test
    void theBestTagIsTheSatisfiedPolicyOfHighestPriority() {
        assertThat(OFFICIAL.source()).isEqualTo("auditwheel manylinux-policy.json");
        assertThat(OFFICIAL.bestTag("x86_64", needs("libc.so.6", "GLIBC_2.2.5", "GLIBC_2.17"), false))
                .isEqualTo("manylinux_2_17_x86_64");
        assertThat(OFFICIAL.bestTag("x86_64", needs("libc.so.6", "GLIBC_2.28"), false)).isEqualTo("manylinux_2_28_x86_64");
        // a library off the whitelist: only "linux" is satisfied, unless only symbols count
        assertThat(OFFICIAL.bestTag("x86_64", needs("libfoo.so.1"), false)).isEqualTo("linux_x86_64");
        assertThat(OFFICIAL.bestTag("x86_64", needs("libfoo.so.1"), true)).isEqualTo("manylinux_2_5_x86_64");
        // aarch64 starts at manylinux_2_17
        assertThat(OFFICIAL.bestTag("aarch64", needs("libc.so.6", "GLIBC_2.17"), false))
                .isEqualTo("manylinux_2_17_aarch64");
    }

    @Test
    void aViolationSaysWhatIsNeededAndWhatIsAllowed() {
        Policy p = OFFICIAL.byName("manylinux2014");
        assertThat(PolicyJudge.violation(p, "x86_64", needs("libc.so.6", "GLIBC_2.18"), false))
                .isEqualTo("needs GLIBC_2.18 (libc.so.6); manylinux_2_17 allows GLIBC up to 2.17");
        assertThat(PolicyJudge.violation(p, "riscv64", needs("libc.so.6"), false))
                .isEqualTo("manylinux_2_17 is not defined for riscv64");
        assertThat(PolicyJudge.violation(p, "x86_64", needs("libfoo.so.1"), false))
                .isEqualTo("links libfoo.so.1, which manylinux_2_17 does not allow");
        // the dynamic loader and libpython are never judged against the whitelist
        assertThat(PolicyJudge.violation(p, "x86_64", needs("ld-linux-x86-64.so.2"), false)).isNull();
    }

    @Test
    void aPep600TagWithoutItsOwnEntryIsJudgedByTheNearestLowerPolicyGrownByTheGlibcItHas() {
        Policy p = OFFICIAL.forGlibc(2, 33, "x86_64");
        assertThat(p.name()).isEqualTo("manylinux_2_33");
        assertThat(p.priority()).isEqualTo(OFFICIAL.byName("manylinux_2_31").priority());
        assertThat(p.symbolVersions().get("x86_64").get("GLIBC")).contains("2.31", "2.32", "2.33").doesNotContain("2.34");
        assertThat(PolicyJudge.violation(p, "x86_64", needs("libc.so.6", "GLIBC_2.33"), false)).isNull();
        assertThat(PolicyJudge.violation(p, "x86_64", needs("libc.so.6", "GLIBC_2.34"), false))
                .isEqualTo("needs GLIBC_2.34 (libc.so.6); manylinux_2_33 allows GLIBC up to 2.33");
        assertThat(OFFICIAL.forGlibc(2, 28, "x86_64")).isSameAs(OFFICIAL.byName("manylinux_2_28"));
        assertThat(OFFICIAL.forGlibc(2, 4, "x86_64")).isNull();
    }

    @Test
    void theBlacklistIsKeptInTheModel() {
        assertThat(OFFICIAL.byName("manylinux_2_17").blacklist()).containsKeys("libc.so.6", "libz.so.1");
    }

    /** What a check loads to judge: the official files and a --policy file. */
    public static void main(String[] args) {
        PolicyJudge.officialManylinux();
        PolicyJudge.officialMusllinux();
        PolicyJudge.read(Path.of(args[0]));
    }

    @Test
    void loadingPoliciesLoadsNoJacksonDatabind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, PolicyJson.write(OfficialPolicies.manylinux()));
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), PolicyJudgeTest.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        List<String> loaded = new String(proc.getInputStream().readAllBytes()).lines().toList();
        assertThat(proc.waitFor()).as(String.join("\n", loaded)).isZero();
        assertThat(loaded).anyMatch(l -> l.contains(PolicyReader.class.getName() + " "));
        assertThat(loaded).noneMatch(l -> l.contains("com.fasterxml.jackson.databind"));
    }
}
