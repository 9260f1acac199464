package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyPublisherTest {
    static final Policy A = new Policy("manylinux_2_17", List.of("manylinux2014"), 80,
            Map.of("x86_64", Map.of("GLIBC", List.of("2.17"))), List.of("libc.so.6"), Map.of());
    static final Policy B = new Policy("manylinux_2_17", List.of("manylinux2014"), 80,
            Map.of("x86_64", Map.of("GLIBC", List.of("2.17", "2.18"))), List.of("libc.so.6"), Map.of());

    @Test
    void replacesOnlyWhenChangedAndKeepsTheDiff(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("manylinux-policy.json");
        PolicyPublisher.Outcome first = PolicyPublisher.publish(file, List.of(Policy.linux(), A), "# run 1");
        assertThat(first.changed()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(PolicyJson.write(List.of(Policy.linux(), A)));
        assertThat(Files.readString(dir.resolve("manylinux-policy.json.diff"))).startsWith("# run 1\n--- (none)")
                .contains("+ policy manylinux_2_17 (priority 80)");

        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
        PolicyPublisher.Outcome same = PolicyPublisher.publish(file, List.of(Policy.linux(), A), "# run 2");
        assertThat(same.changed()).isFalse();
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000);
        assertThat(Files.readString(dir.resolve("manylinux-policy.json.diff"))).startsWith("# run 1");

        PolicyPublisher.Outcome changed = PolicyPublisher.publish(file, List.of(Policy.linux(), B), "# run 3");
        assertThat(changed.changed()).isTrue();
        assertThat(changed.changes()).extracting(PolicyDiff.Change::line)
                .containsExactly("~ manylinux_2_17 x86_64 GLIBC: +2.18");
        assertThat(Files.readString(dir.resolve("manylinux-policy.json.diff")))
                .contains("# run 3", "~ manylinux_2_17 x86_64 GLIBC: +2.18");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("manylinux-policy.json", "manylinux-policy.json.diff");
        }
    }
}
