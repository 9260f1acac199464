package org.distrocompat.api.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import org.distrocompat.api.json.Json;
import org.distrocompat.db.repo.PublishedFiles;

/**
 * A response body computed once and sent many times: the bytes, their gzip form and a strong ETag. Sending it
 * answers a matching {@code If-None-Match} with 304 and a client that accepts gzip with the compressed bytes, so a
 * hot listing costs a copy, not a serialisation and a compression per request.
 */
record Body(byte[] plain, byte[] gzip, String etag, String contentType) {
    static final String JSON = "application/json";

    static Body json(Object value) {
        return of(Json.bytes(value), JSON);
    }

    static Body of(byte[] bytes, String contentType) {
        return new Body(bytes, gzip(bytes), "\"" + PublishedFiles.sha256(bytes).substring(0, 32) + "\"", contentType);
    }

    /** Sends the body (or 304) with its ETag; {@code Cache-Control: no-cache} makes clients revalidate. */
    void send(Context ctx) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Vary", "Accept-Encoding");
        if (matches(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(contentType);
        String accept = ctx.header("Accept-Encoding");
        if (accept != null && accept.contains("gzip") && gzip.length < plain.length) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(gzip);
        } else {
            ctx.result(plain);
        }
    }

    private boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
