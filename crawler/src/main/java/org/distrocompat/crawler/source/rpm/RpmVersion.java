package org.distrocompat.crawler.source.rpm;

import java.util.Comparator;

/**
 * RPM's version syntax, {@code [epoch:]version-release}, and its ordering (rpmvercmp): the one place the project reads
 * it. Segments of digits compare as numbers and beat segments of letters; {@code ~} sorts before anything (pre-releases),
 * {@code ^} after the end but before any further segment (snapshots); other separators only split.
 */
record RpmVersion(int epoch, String version, String release) implements Comparable<RpmVersion> {

    static final Comparator<String> SEGMENTS = RpmVersion::compareStrings;

    /** "2.36-9.fc40" or "1:8.5.0-4.el8" as rpm prints an EVR; a missing release is empty. */
    static RpmVersion parse(String evr) {
        int colon = evr.indexOf(':');
        int epoch = 0;
        String rest = evr;
        if (colon > 0 && evr.substring(0, colon).chars().allMatch(Character::isDigit)) {
            epoch = Integer.parseInt(evr.substring(0, colon));
            rest = evr.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? new RpmVersion(epoch, rest, "") : new RpmVersion(epoch, rest.substring(0, dash),
                rest.substring(dash + 1));
    }

    /** The version as a package is stored: "2.36-9.fc40", with "1:" before it when the epoch is not 0. */
    String evr() {
        return (epoch == 0 ? "" : epoch + ":") + version + (release.isEmpty() ? "" : "-" + release);
    }

    @Override
    public int compareTo(RpmVersion o) {
        int c = Integer.compare(epoch, o.epoch);
        if (c == 0) {
            c = compareStrings(version, o.version);
        }
        return c != 0 ? c : compareStrings(release, o.release);
    }

    /** The name and version of a source package file name: "gcc-12.2.1-4.fc40.src.rpm" → gcc, 12.2.1-4.fc40. */
    static String[] sourceNameAndVersion(String sourceRpm) {
        String s = sourceRpm;
        for (String suffix : new String[] {".src.rpm", ".nosrc.rpm"}) {
            if (s.endsWith(suffix)) {
                s = s.substring(0, s.length() - suffix.length());
            }
        }
        int releaseDash = s.lastIndexOf('-');
        int versionDash = releaseDash <= 0 ? -1 : s.lastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0) {
            return new String[] {s, null};
        }
        return new String[] {s.substring(0, versionDash), s.substring(versionDash + 1)};
    }

    // rpmvercmp, as rpm's lib/rpmvercmp.c defines the order
    private static int compareStrings(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isLetterOrDigit(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !Character.isLetterOrDigit(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            boolean aTilde = i < a.length() && a.charAt(i) == '~';
            boolean bTilde = j < b.length() && b.charAt(j) == '~';
            if (aTilde || bTilde) {
                if (!aTilde) {
                    return 1;
                }
                if (!bTilde) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean aCaret = i < a.length() && a.charAt(i) == '^';
            boolean bCaret = j < b.length() && b.charAt(j) == '^';
            if (aCaret || bCaret) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!aCaret) {
                    return 1;
                }
                if (!bCaret) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = Character.isDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? Character.isDigit(a.charAt(i)) : Character.isLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? Character.isDigit(b.charAt(j)) : Character.isLetter(b.charAt(j)))) {
                j++;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (y.isEmpty()) {
                return numeric ? 1 : -1; // numeric segments beat alphabetic ones
            }
            if (numeric) {
                x = x.replaceFirst("^0+(?=.)", "");
                y = y.replaceFirst("^0+(?=.)", "");
                if (x.length() != y.length()) {
                    return x.length() > y.length() ? 1 : -1;
                }
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        if (aDone && bDone) {
            return 0;
        }
        return aDone ? -1 : 1;
    }
}
