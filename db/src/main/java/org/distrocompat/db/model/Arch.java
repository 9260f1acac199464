package org.distrocompat.db.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.db.error.UserException;

/**
 * Architectures as wheels name them. Distributions have their own names (amd64, arm64, armhf, i386,
 * ppc64el, loong64, ...); {@link #fromAnyName} maps those too.
 */
public enum Arch {
    X86_64("x86_64", "amd64", "x64"),
    I686("i686", "i386", "i586", "x86"),
    AARCH64("aarch64", "arm64"),
    ARMV7L("armv7l", "armhf", "armv7hl", "armv7"),
    PPC64LE("ppc64le", "ppc64el"),
    PPC64("ppc64"),
    S390X("s390x"),
    RISCV64("riscv64"),
    LOONGARCH64("loongarch64", "loong64");

    private final String wheelName;
    private final List<String> aliases;

    Arch(String wheelName, String... aliases) {
        this.wheelName = wheelName;
        this.aliases = List.of(aliases);
    }

    /** The name wheels use: x86_64, i686, aarch64, armv7l, ppc64le, ppc64, s390x, riscv64, loongarch64. */
    public String wheelName() {
        return wheelName;
    }

    private static final Map<String, Arch> BY_NAME = buildIndex();

    private static Map<String, Arch> buildIndex() {
        Map<String, Arch> m = new HashMap<>();
        for (Arch a : values()) {
            m.put(a.wheelName, a);
            a.aliases.forEach(alias -> m.put(alias, a));
        }
        return Map.copyOf(m);
    }

    /** A wheel or distribution architecture name; empty when it maps to no wheel architecture (armel, mips64el, ...). */
    public static Optional<Arch> fromAnyName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Like {@link #fromAnyName} but for user input: an unknown name is a one-line error listing the known ones. */
    public static Arch parse(String name) {
        return fromAnyName(name).orElseThrow(() -> new UserException("unknown architecture '" + name
                + "'; known: " + String.join(", ", wheelNames())
                + " (or distro names such as amd64, arm64, armhf, i386, ppc64el, loong64)"));
    }

    /** Every wheel architecture name, in declaration order. */
    public static List<String> wheelNames() {
        return Arrays.stream(values()).map(Arch::wheelName).toList();
    }

    @Override
    public String toString() {
        return wheelName;
    }
}
