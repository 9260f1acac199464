package org.distrocompat.api.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distrocompat.db.error.UserException;

/** Byte sizes as people write them (512MiB, 4G, 100k, 1048576) and as messages print them. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** Parses a size; k, M, G, T are binary multiples (KiB, MiB, ...), with or without "iB"/"B". */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new UserException("cannot read size '" + text + "' (use e.g. 512MiB, 4GiB, 100k or a byte count)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (n <= 0 || Long.numberOfLeadingZeros(n) <= shift) {
            throw new UserException("size '" + text + "' is out of range");
        }
        return n << shift;
    }

    /** 536870912 → "512 MiB"; sizes that are not whole multiples print in bytes. */
    public static String human(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        long v = bytes;
        while (i < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            i++;
        }
        return v + " " + units[i];
    }
}
