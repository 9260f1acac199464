package org.distrocompat.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an auditwheel policy file ({@code manylinux-policy.json}, {@code musllinux-policy.json}):
 * {@code name} (manylinux_2_17, musllinux_1_2, linux), {@code aliases} (manylinux2014), {@code priority} (higher =
 * older libc = more compatible), {@code symbol_versions} {arch: {prefix: [versions]}}, {@code lib_whitelist}
 * (system sonames an input may link) and {@code blacklist} {soname: [symbols]}. Arches are the wheel names of
 * the {@code Arch} enum (the loader rejects others); versions are written without their prefix
 * ("3.4.22" under "GLIBCXX"), as in the file. Maps keep the order they are written in, because the file's order is
 * part of auditwheel's format.
 */
public record Policy(
        String name,
        List<String> aliases,
        int priority,
        Map<String, Map<String, List<String>>> symbolVersions,
        List<String> libWhitelist,
        Map<String, List<String>> blacklist) {

    /** The name of auditwheel's fallback policy: no symbol or library restriction. */
    public static final String LINUX = "linux";

    private static final Pattern PEP_NAME = Pattern.compile("(manylinux|musllinux)_(\\d+)_(\\d+)");

    public Policy {
        aliases = List.copyOf(aliases);
        Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>();
        symbolVersions.forEach((arch, prefixes) -> sv.put(arch, copy(prefixes)));
        symbolVersions = Collections.unmodifiableMap(sv);
        libWhitelist = List.copyOf(libWhitelist);
        blacklist = copy(blacklist);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    public static Policy linux() {
        return new Policy(LINUX, List.of(), 0, Map.of(), List.of(), Map.of());
    }

    public boolean isLinux() {
        return name.equals(LINUX);
    }

    /** The families of PEP names: manylinux_X_Y (PEP 600, glibc X.Y) and musllinux_X_Y (PEP 656, musl X.Y). */
    public enum Family {
        MANYLINUX, MUSLLINUX
    }

    /** The libc version a PEP 600 / PEP 656 name stands for: manylinux_2_28 is glibc 2.28, musllinux_1_2 musl 1.2. */
    public record LibcVersion(Family family, int major, int minor) {

        /** Whether this version is older than {@code other} of the same family (manylinux_2_17 before 2_28). */
        public boolean olderThan(LibcVersion other) {
            return major != other.major ? major < other.major : minor < other.minor;
        }
    }

    /** The libc version of this policy's name; empty for linux and for names of no PEP (manylinux2014 as a name). */
    public Optional<LibcVersion> libcVersion() {
        return libcVersionOf(name);
    }

    /** The libc version of a policy name such as manylinux_2_28 or musllinux_1_2; empty for other names. */
    public static Optional<LibcVersion> libcVersionOf(String policyName) {
        Matcher m = PEP_NAME.matcher(policyName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LibcVersion(Family.valueOf(m.group(1).toUpperCase(Locale.ROOT)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // digits beyond int: no libc has such a version
        }
    }
}
