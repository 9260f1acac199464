package org.distrocompat.crawler.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * Files addressed by their SHA256: {@code DIR/sha256/ab/abcdef...}. A file only enters the cache after its
 * digest was checked, by an atomic rename, so an interrupted download never leaves a bad entry behind; and its
 * digest is checked again whenever it is reused.
 */
public final class ContentCache {
    private final Path dir;

    public ContentCache(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /**
     * Removes downloads in progress that a killed process left behind (older than {@code age}, so concurrent
     * crawls sharing the cache keep theirs). Returns how many were removed.
     */
    public int removeStaleTemporaryFiles(Duration age) {
        Path tmp = dir.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        long cutoff = System.currentTimeMillis() - age.toMillis();
        int removed = 0;
        try (var files = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try {
                    if (p.getFileName().toString().endsWith(".part") && Files.getLastModifiedTime(p).toMillis() < cutoff) {
                        Files.deleteIfExists(p);
                        removed++;
                    }
                } catch (IOException e) {
                    // another process may have moved it
                }
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }

    public Path directory() {
        return dir;
    }

    /** Where the file with this digest lives (whether or not it exists). */
    public Path pathOf(String sha256) {
        if (!Sha256.isValid(sha256)) {
            throw new IllegalArgumentException("not a SHA256: " + sha256);
        }
        return dir.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * The cached file, when present with the expected size (-1: any) and content: its SHA256 is computed again on
     * every reuse (a disk error or a stray write must not be trusted forever). A damaged entry is removed, so that
     * the caller downloads it again.
     */
    public Optional<Path> get(String sha256, long size) {
        Path p = pathOf(sha256);
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            if ((size < 0 || Files.size(p) == size) && sha256.equals(digestOf(p))) {
                return Optional.of(p);
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String digestOf(Path p) throws IOException {
        MessageDigest md = Sha256.digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return Sha256.hex(md);
    }

    /** A temporary file next to the cache entries, for a download in progress. */
    public Path newTempFile() throws IOException {
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        return Files.createTempFile(tmp, "dl-", ".part");
    }

    /** Moves a verified temporary file into place and returns its cache path. */
    public Path commit(Path verifiedTemp, String sha256) throws IOException {
        Path target = pathOf(sha256);
        Files.createDirectories(target.getParent());
        try {
            Files.move(verifiedTemp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(verifiedTemp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Stores bytes whose digest the caller already checked. */
    public Path put(byte[] data, String sha256) throws IOException {
        Path tmp = newTempFile();
        Files.write(tmp, data);
        return commit(tmp, sha256);
    }
}
