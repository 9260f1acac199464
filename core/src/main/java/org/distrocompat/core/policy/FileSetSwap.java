package org.distrocompat.core.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.db.error.UserException;

/**
 * Files published into one directory together — a policy file and its diff today, more policy files tomorrow — so
 * that a failure never leaves half a result behind (a new policy beside the old diff, after which the next run
 * finds the policy unchanged and the diff is lost for good).
 *
 * <p>Write all, then rename all, with a journal: every file is first written in full and synced as
 * {@code .NAME.new}; then the journal {@value #JOURNAL}, listing the names, is put in place by an atomic rename —
 * the commit point; then each {@code .NAME.new} is renamed over {@code NAME} and the journal removed. A failure
 * before the commit point leaves the old files (the leftovers are removed by the next publish); after it, the next
 * publish (or {@link #recover}) completes the renames first. Readers see every file old or new, never a part of one.
 *
 * <p>A target that exists and is not a regular file — a device, a FIFO, a directory, a symbolic link — is refused
 * with one line before anything is written: an atomic rename would replace it (it turned {@code /dev/full} into a
 * regular file, and as root {@code /dev/stdout} would replace a system link).
 */
public final class FileSetSwap {
    /** The journal's name in the directory. */
    static final String JOURNAL = ".distrocompat-publish";

    /** The one step that can fail after the commit point; replaced by tests to simulate a crash. */
    interface Renamer {
        void rename(Path from, Path to) throws IOException;
    }

    private static final Renamer ATOMIC = (from, to) -> {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " atomically: " + e.getMessage(), e);
        }
    };

    private FileSetSwap() {
    }

    /** Publishes {@code files} (name in {@code dir} → content) together; see the class comment. */
    public static void publish(Path dir, Map<String, String> files) throws IOException {
        publish(dir, files, ATOMIC);
    }

    static void publish(Path dir, Map<String, String> files, Renamer renamer) throws IOException {
        Files.createDirectories(dir);
        recover(dir, renamer);
        Map<String, Path> staged = new LinkedHashMap<>();
        try {
            for (String name : files.keySet()) {
                requireReplaceable(dir.resolve(name));
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path tmp = staging(dir, f.getKey());
                Files.deleteIfExists(tmp); // a leftover of a publish that failed before its commit point
                write(tmp, f.getValue());
                staged.put(f.getKey(), tmp);
            }
            Path journalTmp = dir.resolve(JOURNAL + ".tmp");
            write(journalTmp, String.join("\n", files.keySet()) + "\n");
            ATOMIC.rename(journalTmp, dir.resolve(JOURNAL)); // the commit point
            syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            for (Path tmp : staged.values()) {
                Files.deleteIfExists(tmp);
            }
            Files.deleteIfExists(dir.resolve(JOURNAL + ".tmp"));
            throw e;
        }
        finish(dir, new ArrayList<>(files.keySet()), renamer);
    }

    /** Completes a publish that a crash interrupted after its commit point; nothing to do otherwise. */
    public static void recover(Path dir) throws IOException {
        recover(dir, ATOMIC);
    }

    private static void recover(Path dir, Renamer renamer) throws IOException {
        Path journal = dir.resolve(JOURNAL);
        if (!Files.isRegularFile(journal, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> names = Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
                .filter(n -> !n.isBlank() && !n.contains("/")).toList();
        finish(dir, names, renamer);
    }

    private static void finish(Path dir, List<String> names, Renamer renamer) throws IOException {
        for (String name : names) {
            Path tmp = staging(dir, name);
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                requireReplaceable(dir.resolve(name));
                renamer.rename(tmp, dir.resolve(name));
            }
        }
        syncDirectory(dir);
        Files.deleteIfExists(dir.resolve(JOURNAL));
        syncDirectory(dir);
    }

    /**
     * Writes one file atomically (a synced temporary file renamed over it), refusing a target that is not a regular
     * file as {@link #publish} does.
     */
    public static void writeAtomically(Path target, String content) throws IOException {
        requireReplaceable(target);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            write(tmp, content);
            ATOMIC.rename(tmp, target);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Refuses (one line, bad input) a target that exists and is not a regular file; a symbolic link counts. */
    static void requireReplaceable(Path target) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // absent (or unreadable: the write will say why)
        }
        if (a.isSymbolicLink()) {
            throw new UserException(target + " is a symbolic link; refusing to replace it (name the file it points to)");
        }
        if (!a.isRegularFile()) {
            String kind = a.isDirectory() ? "a directory" : "not a regular file (a device, FIFO or socket)";
            throw new UserException(target + " exists and is " + kind + "; refusing to replace it");
        }
    }

    private static Path staging(Path dir, String name) {
        return dir.resolve("." + name + ".new");
    }

    private static void write(Path file, String content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        // a temporary file is private (0600); a published file is for everyone to read
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: its default permissions apply
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the renames themselves are atomic
        }
    }
}
