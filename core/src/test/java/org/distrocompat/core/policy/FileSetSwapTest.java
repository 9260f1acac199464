package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.distrocompat.db.error.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy and its diff are published together, and nothing but a regular file is ever replaced. */
class FileSetSwapTest {
    private static final Policy A = PolicyPublisherTest.A;
    private static final Policy B = PolicyPublisherTest.B;

    @TempDir
    Path dir;

    @Test
    void aDiffThatCannotBeWrittenLeavesThePolicyAsItWasAndTheNextRunPublishesBoth() throws Exception {
        Path file = dir.resolve("manylinux-policy.json");
        PolicyPublisher.publish(file, List.of(Policy.linux(), A), "# run 1");
        String before = Files.readString(file);
        // something in the way of the diff: the run must fail without replacing the policy
        Path diff = dir.resolve("manylinux-policy.json.diff");
        Files.delete(diff);
        Files.createDirectories(diff.resolve("in-the-way"));
        assertThatThrownBy(() -> PolicyPublisher.publish(file, List.of(Policy.linux(), B), "# run 2"))
                .hasMessageContaining("manylinux-policy.json.diff");
        assertThat(Files.readString(file)).isEqualTo(before);

        Files.delete(diff.resolve("in-the-way"));
        Files.delete(diff);
        PolicyPublisher.Outcome third = PolicyPublisher.publish(file, List.of(Policy.linux(), B), "# run 3");
        assertThat(third.changed()).isTrue();
        assertThat(Files.readString(diff)).contains("# run 3", "~ manylinux_2_17 x86_64 GLIBC: +2.18");
        assertThat(names()).containsExactlyInAnyOrder("manylinux-policy.json", "manylinux-policy.json.diff");
    }

    @Test
    void aCrashAfterTheCommitPointIsCompletedByTheNextRun() throws Exception {
        Map<String, String> v1 = new LinkedHashMap<>();
        v1.put("manylinux-policy.json", "policy 1\n");
        v1.put("manylinux-policy.json.diff", "diff 1\n");
        v1.put("musllinux-policy.json", "musl 1\n");
        FileSetSwap.publish(dir, v1);
        Map<String, String> v2 = new LinkedHashMap<>();
        v2.put("manylinux-policy.json", "policy 2\n");
        v2.put("manylinux-policy.json.diff", "diff 2\n");
        v2.put("musllinux-policy.json", "musl 2\n");
        AtomicInteger renames = new AtomicInteger();
        FileSetSwap.Renamer crashAfterOne = (from, to) -> {
            if (renames.incrementAndGet() > 1) {
                throw new IOException("killed");
            }
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        };
        assertThatThrownBy(() -> FileSetSwap.publish(dir, v2, crashAfterOne)).hasMessage("killed");
        assertThat(Files.readString(dir.resolve("manylinux-policy.json"))).isEqualTo("policy 2\n");
        assertThat(Files.readString(dir.resolve("manylinux-policy.json.diff"))).isEqualTo("diff 1\n"); // half

        FileSetSwap.recover(dir);
        for (Map.Entry<String, String> f : v2.entrySet()) {
            assertThat(Files.readString(dir.resolve(f.getKey()))).isEqualTo(f.getValue());
        }
        assertThat(names()).containsExactlyInAnyOrderElementsOf(v2.keySet());
    }

    @Test
    void aFailureBeforeTheCommitPointLeavesTheOldFilesAndNoLeftovers() throws Exception {
        FileSetSwap.publish(dir, Map.of("a.json", "a 1\n", "b.json", "b 1\n"));
        Files.createDirectories(dir.resolve("b.json.blocked"));
        Map<String, String> v2 = new LinkedHashMap<>();
        v2.put("a.json", "a 2\n");
        v2.put("b.json.blocked", "b 2\n"); // a directory: refused before anything is written
        assertThatThrownBy(() -> FileSetSwap.publish(dir, v2)).isInstanceOf(UserException.class);
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("a 1\n");
        assertThat(names()).containsExactlyInAnyOrder("a.json", "b.json", "b.json.blocked");
    }

    @Test
    void devicesFifosAndSymbolicLinksAreNeverReplaced() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(() -> PolicyPublisher.writeAtomically(fifo, "{}")).isInstanceOf(UserException.class)
                .hasMessage(fifo + " exists and is not a regular file (a device, FIFO or socket); refusing to replace it");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();

        Path target = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        assertThatThrownBy(() -> PolicyPublisher.writeAtomically(link, "{}")).isInstanceOf(UserException.class)
                .hasMessageContaining("is a symbolic link; refusing to replace it");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
