package org.distrocompat.crawler.source.apt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Debian control-file syntax (deb822): paragraphs separated by blank lines, {@code Field: value} lines,
 * continuation lines starting with a space or tab, {@code #} comments. Field names are case-insensitive;
 * the maps returned use lower-case keys. Multi-line values keep their line breaks (first line may be empty).
 */
final class Deb822 {
    private Deb822() {
    }

    public static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String field = null;
        StringBuilder value = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (field != null) {
                    current.put(field, value.toString());
                    field = null;
                }
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
                value.append('\n').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // not a field: ignore, as apt does for junk lines in sources
            }
            if (field != null) {
                current.put(field, value.toString());
            }
            field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value = new StringBuilder(line.substring(colon + 1).strip());
        }
        if (field != null) {
            current.put(field, value.toString());
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }

    /** Whitespace-separated words of a field value (empty for null). */
    public static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.strip().split("\\s+"));
    }
}
