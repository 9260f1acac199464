package org.distrocompat.db.repo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.distrocompat.db.Database;

/**
 * The files a refresh publishes ({@code published_file}: manylinux-policy.json, its diff, ...) kept in the
 * database, so that every server replica serves the bytes of the last refresh whichever replica ran it. A file is
 * rewritten only when its content changed, so its {@code publishedAt} and digest say when it last changed.
 */
public final class PublishedFiles {
    private final Database db;

    public PublishedFiles(Database db) {
        this.db = db;
    }

    /** A published file: its bytes, their SHA-256 (hex) and when they were published. */
    public record PublishedFile(String name, byte[] content, String sha256, Instant publishedAt) {
    }

    /** Stores {@code content} under {@code name} unless it is already there; true when something changed. */
    public boolean put(String name, byte[] content, Long refreshRunId) {
        String sha = sha256(content);
        return db.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO published_file (name, content, sha256, refresh_run_id) VALUES (:name, :content, :sha, :run)
                ON CONFLICT (name) DO UPDATE SET content = excluded.content, sha256 = excluded.sha256,
                       published_at = now(), refresh_run_id = excluded.refresh_run_id
                WHERE published_file.sha256 <> excluded.sha256""")
                .bind("name", name).bind("content", content).bind("sha", sha).bind("run", refreshRunId)
                .execute()) > 0;
    }

    /** The published file of that name, if a refresh published one. */
    public Optional<PublishedFile> get(String name) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "SELECT name, content, sha256, published_at FROM published_file WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new PublishedFile(rs.getString(1), rs.getBytes(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .findOne());
    }

    /** Lower-case hex SHA-256 of {@code content}, the digest stored beside it. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@link #sha256(byte[])} of a text's UTF-8 bytes. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
