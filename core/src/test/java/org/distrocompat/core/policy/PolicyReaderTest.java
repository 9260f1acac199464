package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's shape checks: a file that is not auditwheel's format fails with one line naming file and policy. */
class PolicyReaderTest {
    private static final String LINUX = """
            {"name": "linux", "aliases": [], "priority": 0, "symbol_versions": {}, "lib_whitelist": [], "blacklist": {}}""";

    private static void rejected(String json, String message) {
        assertThatThrownBy(() -> PolicyJson.parse(json, "policy.json")).isInstanceOf(PolicyFileException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingFieldNamesThePolicy() {
        String official = OfficialPolicies.text("manylinux-policy.json");
        assertThat(official).containsOnlyOnce("\"priority\": 64,");
        rejected(official.replace("\"priority\": 64,", ""), "policy.json: manylinux_2_28: missing \"priority\"");
        rejected("[" + LINUX + ", {\"aliases\": []}]", "policy.json: policy #2: missing \"name\"");
        rejected("[" + LINUX.replace(", \"blacklist\": {}", "") + "]", "policy.json: linux: missing \"blacklist\"");
    }

    @Test
    void fieldsOfTheWrongTypeNameThePolicy() {
        String official = OfficialPolicies.text("manylinux-policy.json");
        rejected(official.replace("\"priority\": 64,", "\"priority\": 64.5,"),
                "policy.json: manylinux_2_28: \"priority\" must be an integer");
        rejected(official.replace("\"priority\": 64,", "\"priority\": \"64\","),
                "policy.json: manylinux_2_28: \"priority\" must be an integer");
        rejected("[" + LINUX.replace("\"aliases\": []", "\"aliases\": [1]") + "]",
                "policy.json: linux: \"aliases\" must be an array of strings");
        rejected("[" + LINUX.replace("\"symbol_versions\": {}", "\"symbol_versions\": {\"x86_64\": {\"GLIBC\": \"2.17\"}}")
                + "]", "policy.json: linux x86_64: symbol_versions must map each prefix to an array of version strings");
        rejected("[" + LINUX.replace("\"blacklist\": {}", "\"blacklist\": []") + "]",
                "policy.json: linux: \"blacklist\" must map each soname to an array of symbol names");
    }

    @Test
    void architecturesAreWheelNames() {
        List<Policy> official = OfficialPolicies.manylinux();
        rejected(PolicyJson.write(OfficialPolicies.changed(official, "manylinux_2_17", p -> renameArch(p, "aarch64",
                "sparc64"))), "policy.json: manylinux_2_17: unknown architecture \"sparc64\" (known: x86_64, i686, "
                        + "aarch64, armv7l, ppc64le, ppc64, s390x, riscv64, loongarch64)");
        rejected(PolicyJson.write(OfficialPolicies.changed(official, "manylinux_2_17", p -> renameArch(p, "x86_64",
                "amd64"))), "policy.json: manylinux_2_17: architecture \"amd64\" is not a wheel's name for it; use "
                        + "\"x86_64\"");
    }

    private static Policy renameArch(Policy p, String from, String to) {
        Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>();
        p.symbolVersions().forEach((arch, v) -> sv.put(arch.equals(from) ? to : arch, v));
        return new Policy(p.name(), p.aliases(), p.priority(), sv, p.libWhitelist(), p.blacklist());
    }

    @Test
    void notJsonOrNotAnArrayOfPoliciesIsOneLine() {
        assertThatThrownBy(() -> PolicyJson.parse("[" + LINUX + ",\n  {\"name\": ", "policy.json"))
                .hasMessageStartingWith("policy.json is not valid JSON: ").hasMessageContaining("(line 2, column")
                .hasMessageNotContaining("\n");
        rejected("", "policy.json is not a policy file (expected a JSON array of policies)");
        rejected("[1]", "policy.json is not a policy file (expected a JSON array of policies)");
        rejected("[" + LINUX + "] []", "policy.json is not valid JSON: more content after the policy array "
                + "(line 1, column " + (LINUX.length() + 4) + ")");
    }

    @Test
    void unknownFieldsAreIgnoredAsByAuditwheel() {
        List<Policy> p = PolicyJson.parse("[" + LINUX.replace("\"aliases\"", "\"comment\": {\"a\": [1, null]}, "
                + "\"aliases\"") + "]", "policy.json");
        assertThat(p).containsExactly(Policy.linux());
    }

    @Test
    void aFileIsNamedByItsPath(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> PolicyJson.read(missing)).isInstanceOf(PolicyFileException.class)
                .hasMessage("no such file: " + missing);
        Path file = dir.resolve("policy.json");
        Files.writeString(file, "[" + LINUX + ", " + LINUX + "]");
        assertThatThrownBy(() -> PolicyJson.read(file)).hasMessage(file + ": linux: two policies have this name");
        assertThatThrownBy(() -> PolicyJudge.read(file)).hasMessage(file + ": linux: two policies have this name");
    }
}
