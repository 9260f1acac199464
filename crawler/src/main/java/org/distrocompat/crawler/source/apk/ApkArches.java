package org.distrocompat.crawler.source.apk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.db.model.Arch;

/**
 * Alpine's architecture names and the wheel architectures they mean. armhf is ARMv6 with hard float; it counts as
 * armv7l (the same musl loader, ld-musl-armhf.so.1) only for releases that have no armv7 (before Alpine 3.9), so
 * that armv7l cells hold ARMv7 builds wherever Alpine has them.
 */
final class ApkArches {
    /** Every architecture Alpine has released, in the order a listing is crawled. */
    static final List<String> ALL = List.of("x86_64", "x86", "aarch64", "armv7", "armhf", "ppc64le", "s390x",
            "riscv64", "loongarch64");

    private static final Map<String, Arch> WHEEL = Map.of("x86_64", Arch.X86_64, "x86", Arch.I686,
            "aarch64", Arch.AARCH64, "armv7", Arch.ARMV7L, "armhf", Arch.ARMV7L, "ppc64le", Arch.PPC64LE,
            "s390x", Arch.S390X, "riscv64", Arch.RISCV64, "loongarch64", Arch.LOONGARCH64);

    private ApkArches() {
    }

    /** The wheel architecture of an Alpine architecture name; empty for others. */
    static Optional<Arch> wheelArch(String alpineArch) {
        return Optional.ofNullable(WHEEL.get(alpineArch));
    }

    /** The Alpine name for a configured name, which may be a wheel or distro name ("i686" → x86). */
    static Optional<String> alpineName(String configured) {
        if (WHEEL.containsKey(configured)) {
            return Optional.of(configured);
        }
        return Arch.fromAnyName(configured).flatMap(a -> WHEEL.entrySet().stream()
                .filter(e -> e.getValue() == a && !e.getKey().equals("armhf")).map(Map.Entry::getKey).findFirst());
    }
}
