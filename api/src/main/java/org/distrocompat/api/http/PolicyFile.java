package org.distrocompat.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.distrocompat.core.policy.PolicyJudge;
import org.distrocompat.db.Database;
import org.distrocompat.db.repo.PublishedFiles;

/**
 * A policy file as the server serves it, with where it came from: the file the last scheduled refresh published
 * into the database ({@code published}), else the one a {@code refresh} command published into the home beside the
 * embedded database ({@code home}), else auditwheel's official file bundled with distrocompat ({@code official}).
 * Until a refresh publishes a musllinux file, {@code /api/policy/musllinux} is the official one, and says so.
 */
record PolicyFile(String family, Body body, String source, Instant publishedAt) {
    static final String PUBLISHED = "published";
    static final String HOME = "home";
    static final String OFFICIAL = "official";

    /** {@code manylinux-policy.json} for "manylinux". */
    static String fileName(String family) {
        return family + "-policy.json";
    }

    static PolicyFile resolve(String family, Database db, Optional<Path> homePolicyDir) {
        String name = fileName(family);
        Optional<PublishedFiles.PublishedFile> published = new PublishedFiles(db).get(name);
        if (published.isPresent()) {
            return new PolicyFile(family, Body.of(published.get().content(), Body.JSON), PUBLISHED,
                    published.get().publishedAt());
        }
        if (homePolicyDir.isPresent() && Files.isRegularFile(homePolicyDir.get().resolve(name))) {
            Path file = homePolicyDir.get().resolve(name);
            try {
                return new PolicyFile(family, Body.of(Files.readAllBytes(file), Body.JSON), HOME,
                        Files.getLastModifiedTime(file).toInstant());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return official(family);
    }

    /** auditwheel's official file of that family, bundled with distrocompat. */
    static PolicyFile official(String family) {
        String name = fileName(family);
        try (InputStream in = PolicyJudge.class.getResourceAsStream("/auditwheel/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /auditwheel/" + name);
            }
            return new PolicyFile(family, Body.of(in.readAllBytes(), Body.JSON), OFFICIAL, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + name, e);
        }
    }

    boolean derived() {
        return !source.equals(OFFICIAL);
    }

    /** What the response headers say about the file's origin. */
    String describe() {
        return switch (source) {
            case PUBLISHED -> "derived by distrocompat, published by the scheduled refresh at " + publishedAt;
            case HOME -> "derived by distrocompat, published by 'distrocompat refresh' at " + publishedAt;
            default -> "auditwheel's official " + fileName(family) + " (bundled); no derived file is published yet";
        };
    }
}
