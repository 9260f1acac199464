package org.distrocompat.db.model;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Symbol version names such as GLIBCXX_3.4.22: the prefix is the text before the first '_' and the
 * version the rest (auditwheel's split), so GLIBC_PRIVATE is (GLIBC, PRIVATE) and CXXABI_TM_1 is
 * (CXXABI, TM_1). Compatibility is decided by exact names; the numeric order here is for display and
 * policy summaries only.
 */
public final class SymbolVersions {
    private static final Pattern NUMERIC = Pattern.compile("\\d+(\\.\\d+)*");

    private SymbolVersions() {
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
