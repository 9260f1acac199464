package org.distrocompat.core.query;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of an auditwheel-format policy file: {@code name} (manylinux_2_17, musllinux_1_2, linux), its
 * aliases (manylinux2014), priority (higher = more compatible), the allowed version names per arch and prefix
 * (as full names, e.g. GLIBC_2.17) and the allowed external sonames.
 */
public record PlatformPolicy(String name, List<String> aliases, int priority,
        Map<String, Map<String, Set<String>>> symbolVersions, Set<String> libWhitelist) {

    public boolean supports(String arch) {
        return name.equals("linux") || symbolVersions.containsKey(arch);
    }

    /** The platform tag on {@code arch}: manylinux_2_17_x86_64, linux_aarch64. */
    public String tag(String arch) {
        return name + "_" + arch;
    }

    /** glibc (2, Y) or musl (1, Y) of a PEP 600 / PEP 656 name, or null for "linux". */
    public int[] libcVersion() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:manylinux|musllinux)_(\\d+)_(\\d+)").matcher(name);
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }
}
