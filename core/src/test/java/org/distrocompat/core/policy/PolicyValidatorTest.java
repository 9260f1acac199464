package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader's invariants: the official files hold them, tampered copies fail with one line naming the fault. */
class PolicyValidatorTest {

    /** Loads {@code policies} as a file named policy.json would be loaded. */
    private static List<Policy> load(List<Policy> policies) {
        return PolicyJson.parse(PolicyJson.write(policies), "policy.json");
    }

    private static void rejected(List<Policy> policies, String message) {
        assertThatThrownBy(() -> load(policies)).isInstanceOf(PolicyFileException.class).hasMessage(message);
    }

    private static Policy withVersions(Policy p, String arch, String prefix, List<String> versions) {
        Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>(p.symbolVersions());
        Map<String, List<String>> byPrefix = new LinkedHashMap<>(sv.get(arch));
        byPrefix.put(prefix, versions);
        sv.put(arch, byPrefix);
        return new Policy(p.name(), p.aliases(), p.priority(), sv, p.libWhitelist(), p.blacklist());
    }

    private static Policy without(Policy p, String arch, String prefix, String version) {
        List<String> versions = new ArrayList<>(p.symbolVersions().get(arch).get(prefix));
        assertThat(versions.remove(version)).as(p.name() + " " + arch + " " + prefix + " has " + version).isTrue();
        return withVersions(p, arch, prefix, versions);
    }

    private static Policy renamed(Policy p, String name, List<String> aliases) {
        return new Policy(name, aliases, p.priority(), p.symbolVersions(), p.libWhitelist(), p.blacklist());
    }

    private static Policy prioritized(Policy p, int priority) {
        return new Policy(p.name(), p.aliases(), priority, p.symbolVersions(), p.libWhitelist(), p.blacklist());
    }

    @Test
    void theOfficialFilesLoadAndValidate() {
        List<Policy> manylinux = OfficialPolicies.manylinux();
        assertThat(manylinux).extracting(Policy::name).startsWith("linux", "manylinux_2_5").contains("manylinux_2_28");
        assertThat(load(manylinux)).isEqualTo(manylinux);
        List<Policy> musllinux = OfficialPolicies.musllinux();
        assertThat(musllinux).extracting(Policy::name).containsExactly("linux", "musllinux_1_1", "musllinux_1_2");
        assertThat(PolicyJudge.officialManylinux().byName("manylinux2014").name()).isEqualTo("manylinux_2_17");
        assertThat(PolicyJudge.officialMusllinux().byName("musllinux_1_2")).isNotNull();
        // the check reads the bundled files without validating them: these are the validated ones
        List<Policy> android = PolicyJson.parse(OfficialPolicies.text("android-policy.json"), "android-policy.json");
        assertThat(android).extracting(Policy::name).startsWith("linux", "android_21");
        assertThat(PolicyJudge.officialAndroid().byPriority()).containsExactlyInAnyOrderElementsOf(android);
        assertThat(PolicyJudge.officialManylinux().byPriority()).containsExactlyInAnyOrderElementsOf(manylinux);
        assertThat(PolicyJudge.officialMusllinux().byPriority()).containsExactlyInAnyOrderElementsOf(musllinux);
    }

    @Test
    void theReferenceCopiesLoadAndValidate() {
        Path manylinux = SharedData.officialPolicy();
        Path musllinux = manylinux.resolveSibling("musllinux-policy.json");
        assumeTrue(Files.isRegularFile(musllinux), "skipped: " + musllinux + " is absent");
        assertThat(PolicyJson.read(manylinux)).isEqualTo(OfficialPolicies.manylinux());
        assertThat(PolicyJson.read(musllinux)).isEqualTo(OfficialPolicies.musllinux());
    }

    @Test
    void aNewerPolicyLackingAVersionAnOlderAllowsIsRejected() {
        List<Policy> tampered = OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_28",
                p -> without(p, "aarch64", "GLIBCXX", "3.4.24"));
        rejected(tampered, "policy.json: manylinux_2_28 aarch64: GLIBCXX_3.4.24 allowed by manylinux_2_27 is missing");

        List<Policy> twice = OfficialPolicies.changed(tampered, "manylinux_2_28",
                p -> without(p, "x86_64", "GLIBCXX", "3.4.24"));
        rejected(twice, "policy.json: manylinux_2_28 x86_64: GLIBCXX_3.4.24 allowed by manylinux_2_27 is missing "
                + "(and 1 more)");
    }

    @Test
    void aNewerPolicyLackingAWhitelistedLibraryIsRejected() {
        List<Policy> tampered = OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_34",
                p -> new Policy(p.name(), p.aliases(), p.priority(), p.symbolVersions(),
                        p.libWhitelist().stream().filter(s -> !s.equals("libexpat.so.1")).toList(), p.blacklist()));
        rejected(tampered, "policy.json: manylinux_2_34: lib_whitelist entry libexpat.so.1 allowed by manylinux_2_31 "
                + "is missing");
    }

    @Test
    void namesAndAliasesAreUnique() {
        rejected(OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_26",
                p -> renamed(p, "manylinux_2_24", p.aliases())),
                "policy.json: manylinux_2_24: two policies have this name");
        rejected(OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_24",
                p -> renamed(p, p.name(), List.of("manylinux2014"))),
                "policy.json: manylinux_2_24: alias manylinux2014 also names manylinux_2_17");
        rejected(OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_24",
                p -> renamed(p, p.name(), List.of("manylinux_2_17"))),
                "policy.json: manylinux_2_24: alias manylinux_2_17 also names manylinux_2_17");
    }

    @Test
    void theLinuxFallbackExistsAndRanksLast() {
        rejected(OfficialPolicies.manylinux().stream().filter(p -> !p.isLinux()).toList(),
                "policy.json: no \"linux\" policy (auditwheel's fallback, with the lowest priority)");
        rejected(OfficialPolicies.changed(OfficialPolicies.manylinux(), "linux", p -> prioritized(p, 51)),
                "policy.json: linux: priority 51 is not below manylinux_2_41's (51); the fallback must have the "
                        + "lowest priority");
    }

    @Test
    void prioritiesAreDistinctAndFallAsTheLibcGrows() {
        rejected(OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_28", p -> prioritized(p, 65)),
                "policy.json: manylinux_2_28: priority 65 is manylinux_2_27's too; priorities order the policies and "
                        + "must be distinct");
        rejected(OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_28", p -> prioritized(p, 66)),
                "policy.json: manylinux_2_28: priority 66 ranks it above manylinux_2_27 (65); a newer libc must have "
                        + "a lower priority");
    }

    @Test
    void aMusllinuxFileHoldsTheSameInvariantsAndMusllinuxPoliciesOnly() {
        List<Policy> musl = OfficialPolicies.musllinux();
        rejected(OfficialPolicies.changed(musl, "musllinux_1_2", p -> new Policy(p.name(), p.aliases(),
                p.priority(), p.symbolVersions(), List.of("libc.so"), p.blacklist())),
                "policy.json: musllinux_1_2: lib_whitelist entry libz.so.1 allowed by musllinux_1_1 is missing");
        List<Policy> mixed = new ArrayList<>(musl);
        mixed.add(renamed(prioritized(musl.get(1), 95), "manylinux_2_17", List.of()));
        rejected(mixed, "policy.json: manylinux_2_17: a musllinux policy file holds musllinux_X_Y policies and "
                + "linux only");
        rejected(OfficialPolicies.changed(musl, "musllinux_1_2", p -> prioritized(p, 110)),
                "policy.json: musllinux_1_2: priority 110 ranks it above musllinux_1_1 (100); a newer libc must have "
                        + "a lower priority");
    }

    @Test
    void aPolicyWithoutAnArchOrAPrefixOfAnOlderOneIsAllowedAsByAuditwheel() {
        // auditwheel checks the arches and prefixes the newer policy lists; dropping one is not a violation
        List<Policy> fewer = OfficialPolicies.changed(OfficialPolicies.manylinux(), "manylinux_2_24", p -> {
            Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>(p.symbolVersions());
            sv.remove("s390x");
            return new Policy(p.name(), p.aliases(), p.priority(), sv, p.libWhitelist(), p.blacklist());
        });
        assertThat(load(fewer)).isEqualTo(fewer);
    }
}
