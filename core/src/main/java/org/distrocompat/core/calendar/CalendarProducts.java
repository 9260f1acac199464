package org.distrocompat.core.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which stored distro an endoflife.date product describes ({@code rhel} is stored as rhubi, Red Hat's UBI images)
 * and what the product's {@code eoes} column means there: free long-term support that counts as supported
 * (Debian LTS) or extended support (Ubuntu ESM, RHEL ELS). Configuration, shipped as {@code products.txt} beside
 * the calendar copies.
 */
public record CalendarProducts(Map<String, Product> bySlug) {

    /** One product: the stored distro id and the meaning of its eoes column (null when it has none). */
    public record Product(String slug, String distro, EoesMeaning eoes, String label) {
    }

    /** What a product's eoes date ends. */
    public enum EoesMeaning {
        LTS, EXTENDED
    }

    static final String RESOURCE = "/org/distrocompat/core/calendar/endoflife/products.txt";

    public static CalendarProducts builtIn() {
        try (InputStream in = CalendarProducts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CalendarProducts parse(String text) {
        Map<String, Product> m = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            EoesMeaning eoes = w.length > 2 ? EoesMeaning.valueOf(w[2].toUpperCase(Locale.ROOT)) : null;
            String label = w.length > 3 ? w[3].replace('-', ' ') : null;
            m.put(w[0], new Product(w[0], w[1], eoes, label));
        }
        return new CalendarProducts(Map.copyOf(m));
    }

    /** The product of a file name's slug; unknown slugs are stored under the slug itself, without an eoes meaning. */
    public Product product(String slug) {
        return Optional.ofNullable(bySlug.get(slug)).orElse(new Product(slug, slug, null, null));
    }
}
