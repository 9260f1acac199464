package org.distrocompat.db.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Symbol version names such as GLIBCXX_3.4.22: the prefix is the text before the first '_' and the
 * version the rest (auditwheel's split), so GLIBC_PRIVATE is (GLIBC, PRIVATE) and CXXABI_TM_1 is
 * (CXXABI, TM_1). Compatibility is decided by exact names; the numeric order here is for display and
 * policy summaries only.
 */
public final class SymbolVersions {
    /** The longest name stored: real ones are far shorter (the longest glibc/gcc names have under 30 characters). */
    public static final int MAX_NAME_LENGTH = 128;
    private static final Pattern NUMERIC = Pattern.compile("\\d+(\\.\\d+)*");
    /** Printable ASCII without white space: what ELF version names, sonames and release names are made of. */
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]+");

    private SymbolVersions() {
    }

    /**
     * Why {@code name} (a version name, a soname, a release or distro id) cannot be stored, or empty when it can:
     * it must be 1 to {@code maxLength} characters of printable ASCII without white space (" 2.18" and "2.20\\n" are
     * not names; a 100,000-character one is an attack or a broken file).
     */
    public static Optional<String> nameProblem(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            return Optional.of("an empty name");
        }
        if (name.length() > maxLength) {
            return Optional.of("a name of " + name.length() + " characters (at most " + maxLength + ")");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("'" + printable(name) + "', which is not a name (white space or characters outside "
                    + "printable ASCII)");
        }
        return Optional.empty();
    }

    /** The name with control characters shown as escapes, for messages. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static String prefix(String name) {
        int i = name.indexOf('_');
        return i < 0 ? name : name.substring(0, i);
    }

    public static String version(String name) {
        int i = name.indexOf('_');
        return i < 0 ? name : name.substring(i + 1);
    }

    public static boolean isNumeric(String version) {
        return NUMERIC.matcher(version).matches();
    }

    /** Numeric versions by dot component (3.4.9 before 3.4.10), then non-numeric ones by name. */
    public static final Comparator<String> VERSION_ORDER = (a, b) -> {
        boolean na = isNumeric(a);
        boolean nb = isNumeric(b);
        if (na != nb) {
            return na ? -1 : 1;
        }
        if (!na) {
            return a.compareTo(b);
        }
        return compareNumeric(a, b);
    };

    public static int compareNumeric(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            long x = i < pa.length ? Long.parseLong(pa[i]) : -1;
            long y = i < pb.length ? Long.parseLong(pb[i]) : -1;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }
}
