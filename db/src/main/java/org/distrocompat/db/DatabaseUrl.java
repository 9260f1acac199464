package org.distrocompat.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as users write it: either a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u})
 * or a libpq-style URI ({@code postgresql://user:pass@host:port/db}, also {@code postgres://}).
 * pgjdbc does not accept credentials in the authority part, so those are taken out here.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new DatabaseException("empty database URL");
        }
        String s = text.trim();
        if (s.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(s, null, null);
        }
        if (!(s.startsWith("postgresql://") || s.startsWith("postgres://"))) {
            throw new DatabaseException("unsupported database URL '" + redact(s)
                    + "': expected jdbc:postgresql://host:port/db or postgresql://user:pass@host:port/db");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new DatabaseException("malformed database URL '" + redact(s) + "': " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null) {
            throw new DatabaseException("database URL '" + redact(s) + "' names no host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hostPart);
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        jdbc.append(path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    /** The URL without its password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(//[^:/@]+:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
