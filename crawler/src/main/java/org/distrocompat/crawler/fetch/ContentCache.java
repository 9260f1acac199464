package org.distrocompat.crawler.fetch;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Files addressed by their SHA256: {@code DIR/sha256/ab/abcdef...}. A file only enters the cache after its
 * digest was checked, by an atomic rename, so an interrupted download never leaves a bad entry behind.
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

    /** The cached file, when present with the expected size (-1: any). */
    public Optional<Path> get(String sha256, long size) {
        Path p = pathOf(sha256);
        try {
            if (Files.isRegularFile(p) && (size < 0 || Files.size(p) == size)) {
                return Optional.of(p);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
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
