package org.distrocompat.crawler.source.rpm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.distrocompat.crawler.archive.Decompression;
import org.distrocompat.crawler.fetch.Sha256;

/**
 * The library-providing packages of a verified primary, scanned once: the cells that share a repository (x86_64 and
 * its i686 multilib cell) wait for one scan, and the result is remembered beside the cache keyed by the primary's
 * SHA256, so an unchanged base repository is not decompressed again when only its updates repository changed.
 */
final class PrimarySelections {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateDir;
    private final Map<String, CompletableFuture<List<PrimaryPackage>>> scans = new ConcurrentHashMap<>();

    PrimarySelections(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** @param location the primary's name in repomd (its suffix tells the compression) */
    List<PrimaryPackage> packages(String sha256, String location, Path file, Set<String> provides) throws IOException {
        String key = sha256 + "-" + Sha256.hex(String.join(",", new TreeSet<>(provides))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        CompletableFuture<List<PrimaryPackage>> mine = new CompletableFuture<>();
        CompletableFuture<List<PrimaryPackage>> other = scans.putIfAbsent(key, mine);
        if (other != null) {
            try {
                return other.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        try {
            List<PrimaryPackage> out = remembered(key).orElse(null);
            if (out == null) {
                try (InputStream in = Decompression.open(location, Files.newInputStream(file))) {
                    out = new PrimaryScanner(provides).scan(in);
                }
                remember(key, out);
            }
            mine.complete(out);
            return out;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            scans.remove(key);
            throw e;
        }
    }

    private Optional<List<PrimaryPackage>> remembered(String key) {
        Path f = stateDir.resolve("rpm-selections").resolve(key + ".json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(List.of(JSON.readValue(f.toFile(), PrimaryPackage[].class)));
        } catch (IOException e) {
            return Optional.empty(); // unreadable: scan again
        }
    }

    private void remember(String key, List<PrimaryPackage> packages) {
        try {
            Path dir = stateDir.resolve("rpm-selections");
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "sel-", ".tmp");
            JSON.writeValue(tmp.toFile(), packages);
            Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // remembering is an optimisation only
        }
    }
}
