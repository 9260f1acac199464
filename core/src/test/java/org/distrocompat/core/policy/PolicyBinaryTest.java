package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled form of the bundled policy files: the same policies, in the same order, as the validated JSON. */
class PolicyBinaryTest {

    @Test
    void everyBundledFileSurvivesTheRoundTrip() throws IOException {
        for (String file : List.of("manylinux-policy.json", "musllinux-policy.json", "android-policy.json")) {
            List<Policy> json = PolicyJson.parse(OfficialPolicies.text(file), file);
            List<Policy> back = PolicyBinary.decode(new ByteArrayInputStream(PolicyBinary.encode(json)));
            assertThat(back).as(file).isEqualTo(json);
            // the file's own order of arches and prefixes is kept: it is part of auditwheel's format
            assertThat(PolicyJson.write(back)).as(file).isEqualTo(PolicyJson.write(json));
        }
    }

    @Test
    void theBuildStepWritesOneCompiledFileBesideEachPolicyFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("musllinux-policy.json"), OfficialPolicies.text("musllinux-policy.json"));
        Files.writeString(dir.resolve("notes.txt"), "not a policy");
        PolicyCompiler.main(new String[] {dir.toString()});
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("musllinux-policy.json",
                    "musllinux-policy.json.bin", "notes.txt");
        }
        assertThat(PolicyBinary.decode(Files.newInputStream(dir.resolve("musllinux-policy.json.bin"))))
                .isEqualTo(OfficialPolicies.musllinux());
        // a policy file that breaks the invariants fails the build step
        Files.writeString(dir.resolve("bad-policy.json"), "[{\"name\": \"x\"}]");
        assertThatThrownBy(() -> PolicyCompiler.main(new String[] {dir.toString()})).isInstanceOf(PolicyFileException.class);
    }

    @Test
    void somethingElseIsNotReadAsPolicies() {
        assertThatThrownBy(() -> PolicyBinary.decode(new ByteArrayInputStream("[{}]".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("not a compiled policy file");
    }
}
