package org.distrocompat.crawler.source.apt;

/**
 * Debian's version syntax, {@code [epoch:]upstream[-revision]}, and its ordering (dpkg's): the one place the project
 * reads it.
 */
final class DebianVersion {
    private DebianVersion() {
    }

    /** dpkg's order: epoch as a number, then upstream and revision, each by {@link #compareParts}. */
    static int compare(String a, String b) {
        int ea = epoch(a);
        int eb = epoch(b);
        if (ea != eb) {
            return Integer.compare(ea, eb);
        }
        String ra = withoutEpoch(a);
        String rb = withoutEpoch(b);
        int da = ra.lastIndexOf('-');
        int db = rb.lastIndexOf('-');
        int c = compareParts(da < 0 ? ra : ra.substring(0, da), db < 0 ? rb : rb.substring(0, db));
        return c != 0 ? c : compareParts(da < 0 ? "" : ra.substring(da + 1), db < 0 ? "" : rb.substring(db + 1));
    }

    private static int epoch(String v) {
        int colon = v.indexOf(':');
        return colon > 0 && v.substring(0, colon).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(v.substring(0, colon)) : 0;
    }

    private static String withoutEpoch(String v) {
        int colon = v.indexOf(':');
        return colon > 0 ? v.substring(colon + 1) : v;
    }

    /** Alternating non-digit and digit runs; in non-digit runs '~' sorts first, then the end, letters, the rest. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isDigit(a.charAt(i)) || j < b.length() && !Character.isDigit(b.charAt(j))) {
                int ca = i < a.length() && !Character.isDigit(a.charAt(i)) ? order(a.charAt(i)) : 0;
                int cb = j < b.length() && !Character.isDigit(b.charAt(j)) ? order(b.charAt(j)) : 0;
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i++;
                j++;
            }
            int si = i;
            int sj = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
                j++;
            }
            String na = a.substring(si, i).replaceFirst("^0+", "");
            String nb = b.substring(sj, j).replaceFirst("^0+", "");
            if (na.length() != nb.length()) {
                return Integer.compare(na.length(), nb.length());
            }
            int c = na.compareTo(nb);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int order(char c) {
        if (c == '~') {
            return -1;
        }
        return Character.isLetter(c) ? c : c + 256;
    }

    /** The upstream part: without epoch and Debian revision ("2.36" for "2.36-9+deb12u4", "8.5.0" for "1:8.5.0-1"). */
    static String upstream(String version) {
        if (version == null) {
            return null;
        }
        String v = version;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        if (dash > 0) {
            v = v.substring(0, dash);
        }
        return v;
    }
}
