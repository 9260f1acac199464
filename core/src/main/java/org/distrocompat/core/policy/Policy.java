package org.distrocompat.core.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of auditwheel's manylinux policy file: {@code name}, {@code aliases}, {@code priority},
 * {@code symbol_versions} {arch: {prefix: [versions]}}, {@code lib_whitelist} and {@code blacklist}
 * {soname: [symbols]}. Maps keep the order they are written in.
 */
public record Policy(
        String name,
        List<String> aliases,
        int priority,
        Map<String, Map<String, List<String>>> symbolVersions,
        List<String> libWhitelist,
        Map<String, List<String>> blacklist) {

    public Policy {
        aliases = List.copyOf(aliases);
        Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>();
        symbolVersions.forEach((arch, prefixes) -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            prefixes.forEach((k, v) -> p.put(k, List.copyOf(v)));
            sv.put(arch, java.util.Collections.unmodifiableMap(p));
        });
        symbolVersions = java.util.Collections.unmodifiableMap(sv);
        libWhitelist = List.copyOf(libWhitelist);
        Map<String, List<String>> bl = new LinkedHashMap<>();
        blacklist.forEach((k, v) -> bl.put(k, List.copyOf(v)));
        blacklist = java.util.Collections.unmodifiableMap(bl);
    }

    /** The glibc minor of a manylinux_2_Y name, or -1 (linux, legacy names). */
    public int glibcMinor() {
        return glibcMinor(name);
    }

    public static int glibcMinor(String name) {
        if (name.startsWith("manylinux_2_")) {
            try {
                return Integer.parseInt(name.substring("manylinux_2_".length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    public static Policy linux() {
        return new Policy("linux", List.of(), 0, Map.of(), List.of(), Map.of());
    }
}
