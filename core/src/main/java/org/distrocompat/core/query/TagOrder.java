package org.distrocompat.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform tags a pip on a glibc system accepts, in the order pip (through packaging's
 * {@code tags._linux_platforms}) tries them: manylinux_{major}_{minor}_ARCH from the system's glibc down to the
 * oldest (2_5 on x86_64 and i686, 2_17 elsewhere), each legacy alias (manylinux2014, manylinux2010,
 * manylinux1) right after its PEP 600 twin, for every glibc major below the system's the last known minor
 * down; then linux_ARCH. An armv8l interpreter also accepts armv7l tags, after its own.
 */
public final class TagOrder {
    private static final Map<String, String> LEGACY = Map.of("2_17", "manylinux2014", "2_12", "manylinux2010",
            "2_5", "manylinux1");

    private TagOrder() {
    }

    public static List<String> platformTags(int glibcMajor, int glibcMinor, String arch) {
        List<String> archs = arch.equals("armv8l") ? List.of("armv8l", "armv7l") : List.of(arch);
        List<String> tags = new ArrayList<>();
        for (String a : archs) {
            int tooOldMajor = 2;
            // packaging decides this on the whole list of archs
            int tooOldMinor = archs.contains("x86_64") || archs.contains("i686") ? 4 : 16;
            List<int[]> maxima = new ArrayList<>();
            maxima.add(new int[] {glibcMajor, glibcMinor});
            for (int major = glibcMajor - 1; major > 1; major--) {
                maxima.add(new int[] {major, lastMinor(major)});
            }
            for (int[] max : maxima) {
                int minMinor = max[0] == tooOldMajor ? tooOldMinor : -1;
                for (int minor = max[1]; minor > minMinor; minor--) {
                    String v = max[0] + "_" + minor;
                    tags.add("manylinux_" + v + "_" + a);
                    String legacy = LEGACY.get(v);
                    if (legacy != null) {
                        tags.add(legacy + "_" + a);
                    }
                }
            }
        }
        for (String a : archs) {
            tags.add("linux_" + a);
        }
        return tags;
    }

    /** packaging's _LAST_GLIBC_MINOR: 50 for every major it has no record of (only majors below the system's). */
    private static int lastMinor(int major) {
        return 50;
    }
}
