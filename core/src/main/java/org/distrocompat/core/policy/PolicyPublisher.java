package org.distrocompat.core.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Publishes a policy file atomically: the new content goes to a temporary file in the same directory, is
 * fsynced and renamed over the old one (ATOMIC_MOVE), so readers see the old file or the new one, never a
 * part. Nothing is written when the content is unchanged. The diff against the previous file is kept next to
 * it as {@code <name>.diff}.
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
        Path diffFile = file.resolveSibling(file.getFileName() + ".diff");
        if (Files.exists(file) && Files.readString(file).equals(content)) {
            return new Outcome(file, false, List.of(), diffFile);
        }
        List<Policy> old = Files.exists(file) ? PolicyJson.read(file) : List.of();
        List<PolicyDiff.Change> changes = PolicyDiff.diff(old, policies);
        String diff = (header == null ? "" : header + "\n")
                + PolicyDiff.text(changes, Files.exists(file) ? file.getFileName() + " (previous)" : "(none)",
                        file.getFileName().toString());
        writeAtomically(file, content);
        writeAtomically(diffFile, diff);
        return new Outcome(file, true, changes, diffFile);
    }

    /** Writes {@code content} to {@code target} through a synced temporary file and an atomic rename. */
    public static void writeAtomically(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            // createTempFile makes the file private (0600); a published policy is for everyone to read
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: its default permissions apply
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some file systems cannot sync a directory; the rename itself is atomic
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
