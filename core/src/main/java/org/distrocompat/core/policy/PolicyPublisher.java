package org.distrocompat.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a policy file with the diff against the previous one ({@code <name>.diff}) beside it, together
 * ({@link FileSetSwap}): readers see the old pair or the new pair, a failure leaves the old pair, and a crash
 * half-way is completed by the next run. Nothing is written when the content is unchanged.
 */
public final class PolicyPublisher {

    /** What a publish did: {@code changed} false means the file already had this content. */
    public record Outcome(Path file, boolean changed, List<PolicyDiff.Change> changes, Path diffFile) {
    }

    private PolicyPublisher() {
    }

    public static Outcome publish(Path file, List<Policy> policies, String header) throws IOException {
        String content = PolicyJson.write(policies);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileSetSwap.recover(dir); // a crash after the last run's commit point: finish it before comparing
        Path diffFile = file.resolveSibling(file.getFileName() + ".diff");
        if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
            return new Outcome(file, false, List.of(), diffFile);
        }
        List<Policy> old = Files.isRegularFile(file) ? PolicyJson.read(file) : List.of();
        List<PolicyDiff.Change> changes = PolicyDiff.diff(old, policies);
        String diff = (header == null ? "" : header + "\n")
                + PolicyDiff.text(changes, Files.exists(file) ? file.getFileName() + " (previous)" : "(none)",
                        file.getFileName().toString());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(file.getFileName().toString(), content);
        files.put(diffFile.getFileName().toString(), diff);
        FileSetSwap.publish(dir, files);
        return new Outcome(file, true, changes, diffFile);
    }

    /** Refuses, before any work, a target that {@link #writeAtomically} would refuse (one line, bad input). */
    public static void checkTarget(Path target) {
        FileSetSwap.requireReplaceable(target);
    }

    /**
     * Writes {@code content} to {@code target} through a synced temporary file and an atomic rename; a target that
     * exists and is not a regular file (a device, a FIFO, a symbolic link) is refused.
     */
    public static void writeAtomically(Path target, String content) throws IOException {
        FileSetSwap.writeAtomically(target, content);
    }
}
