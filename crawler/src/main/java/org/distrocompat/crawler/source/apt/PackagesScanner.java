package org.distrocompat.crawler.source.apt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.distrocompat.crawler.fetch.Sha256;

/**
 * Streams a (decompressed) Packages index and returns the stanzas of the wanted package names. Stanzas of
 * other packages are skipped at byte level without building strings, which keeps a 50 MB index cheap.
 */
final class PackagesScanner {
    private static final byte[] PACKAGE = "Package:".getBytes(StandardCharsets.US_ASCII);

    private final Set<String> wanted;

    public PackagesScanner(Set<String> wanted) {
        this.wanted = Set.copyOf(wanted);
    }

    public List<PackageEntry> scan(InputStream in) throws IOException {
        LineReader r = new LineReader(in);
        List<PackageEntry> out = new ArrayList<>();
        Map<String, String> fields = null;
        byte[] line;
        while ((line = r.next()) != null) {
            int len = r.length();
            if (len == 0) {
                if (fields != null) {
                    out.add(entry(fields));
                    fields = null;
                }
                continue;
            }
            if (fields == null) {
                if (startsWith(line, len, PACKAGE)) {
                    String name = new String(line, PACKAGE.length, len - PACKAGE.length, StandardCharsets.UTF_8).strip();
                    if (wanted.contains(name)) {
                        fields = new HashMap<>();
                        fields.put("package", name);
                    } else {
                        r.skipParagraph();
                    }
                }
                continue;
            }
            if (line[0] == ' ' || line[0] == '\t') {
                continue; // continuation lines: none of the fields we keep has them
            }
            int colon = indexOf(line, len, (byte) ':');
            if (colon > 0) {
                String key = new String(line, 0, colon, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                switch (key) {
                    case "version", "source", "architecture", "filename", "size", "sha256" ->
                            fields.put(key, new String(line, colon + 1, len - colon - 1, StandardCharsets.UTF_8).strip());
                    default -> {
                    }
                }
            }
        }
        if (fields != null) {
            out.add(entry(fields));
        }
        return out;
    }

    private static PackageEntry entry(Map<String, String> f) throws IOException {
        String name = f.get("package");
        String version = f.get("version");
        String filename = f.get("filename");
        String sha = f.get("sha256");
        if (version == null || filename == null || sha == null || !Sha256.isValid(sha)) {
            throw new IOException("Packages stanza of " + name + " lacks Version, Filename or a SHA256");
        }
        String sourceName = name;
        String sourceVersion = version;
        String src = f.get("source");
        if (src != null && !src.isBlank()) {
            int paren = src.indexOf('(');
            if (paren > 0) {
                sourceName = src.substring(0, paren).strip();
                int close = src.indexOf(')', paren);
                sourceVersion = src.substring(paren + 1, close < 0 ? src.length() : close).strip();
            } else {
                sourceName = src.strip();
            }
        }
        long size = f.containsKey("size") ? Long.parseLong(f.get("size")) : -1;
        return new PackageEntry(name, version, f.get("architecture"), sourceName, sourceVersion, filename, size, sha);
    }

    private static boolean startsWith(byte[] b, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int len, byte c) {
        for (int i = 0; i < len; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Lines from a byte stream without decoding; the returned array is reused. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 17];
        private int pos;
        private int limit;
        private byte[] line = new byte[256];
        private int lineLen;
        private boolean eof;

        LineReader(InputStream in) {
            this.in = in;
        }

        int length() {
            return lineLen;
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        byte[] next() throws IOException {
            lineLen = 0;
            boolean any = false;
            while (true) {
                if (pos >= limit && !fill()) {
                    return any ? trimmed() : null;
                }
                any = true;
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                append(start, pos - start);
                if (pos < limit) {
                    pos++; // the '\n'
                    return trimmed();
                }
            }
        }

        private byte[] trimmed() {
            if (lineLen > 0 && line[lineLen - 1] == '\r') {
                lineLen--;
            }
            return line;
        }

        private void append(int start, int n) {
            if (lineLen + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
            }
            System.arraycopy(buf, start, line, lineLen, n);
            lineLen += n;
        }

        /** Skips to just after the next empty line (the end of the current paragraph). */
        void skipParagraph() throws IOException {
            byte prev = '\n';
            // the current line was consumed including its '\n', so prev is '\n'
            while (true) {
                if (pos >= limit && !fill()) {
                    return;
                }
                byte[] b = buf;
                int p = pos;
                int l = limit;
                while (p < l) {
                    byte c = b[p++];
                    if (c == '\n' && prev == '\n') {
                        pos = p;
                        return;
                    }
                    if (c != '\r') {
                        prev = c;
                    }
                }
                pos = p;
            }
        }
    }
}
