package org.distrocompat.core.check;

import java.util.List;

/**
 * A wheel file name (PEP 427): {@code {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl}, where the
 * platform part may be a dotted compound set (manylinux_2_17_x86_64.manylinux2014_x86_64).
 */
public record WheelName(String distribution, String version, String python, String abi, List<String> platformTags) {

    /** The parsed name, or null when {@code fileName} is not a wheel's. */
    public static WheelName parse(String fileName) {
        if (fileName == null || !fileName.endsWith(".whl")) {
            return null;
        }
        String[] parts = fileName.substring(0, fileName.length() - 4).split("-");
        if (parts.length != 5 && parts.length != 6) {
            return null;
        }
        int n = parts.length;
        List<String> plats = List.of(parts[n - 1].split("\\."));
        if (plats.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        return new WheelName(parts[0], parts[1], parts[n - 3], parts[n - 2], plats);
    }
}
