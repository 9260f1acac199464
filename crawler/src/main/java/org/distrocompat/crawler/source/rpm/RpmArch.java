package org.distrocompat.crawler.source.rpm;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.db.model.Arch;

/**
 * How RPM repositories name architectures, and which packages of a repository belong to which release x arch cell.
 * A package belongs to a cell when its arch is one of the cell's RPM arches and its library provides have the cell's
 * word size: rpm marks 64-bit sonames {@code libc.so.6()(64bit)} and leaves 32-bit ones bare ({@code libc.so.6}). So
 * the i686 packages of an x86_64 repository (Fedora's and EL's multilib glibc.i686) and openSUSE's {@code -32bit}
 * packages (arch x86_64, 32-bit libraries) both land in the i686 cell.
 */
final class RpmArch {
    private static final Map<Arch, List<String>> RPM_NAMES = Map.of(
            Arch.X86_64, List.of("x86_64", "amd64"),
            Arch.I686, List.of("i686", "i586", "i486", "i386", "athlon"),
            Arch.AARCH64, List.of("aarch64"),
            Arch.ARMV7L, List.of("armv7hl", "armv7l", "armhfp"),
            Arch.PPC64LE, List.of("ppc64le"),
            Arch.PPC64, List.of("ppc64"),
            Arch.S390X, List.of("s390x"),
            Arch.RISCV64, List.of("riscv64"),
            Arch.LOONGARCH64, List.of("loongarch64"));

    private static final Set<Arch> THIRTY_TWO_BIT = Set.of(Arch.I686, Arch.ARMV7L);

    private RpmArch() {
    }

    /** The name a repository path uses for a cell's arch ("x86_64", "aarch64", "armhfp" for armv7l, "i386"). */
    static String repoName(Arch a) {
        return switch (a) {
            case ARMV7L -> "armhfp";
            case I686 -> "i386";
            default -> a.wheelName();
        };
    }

    static boolean is64Bit(Arch a) {
        return !THIRTY_TWO_BIT.contains(a);
    }

    /** The provide an RPM of {@code cell} carries for a soname: "libc.so.6()(64bit)" or "libc.so.6". */
    static String provideOf(String soname, Arch cell) {
        return is64Bit(cell) ? soname + "()(64bit)" : soname;
    }

    /**
     * Whether a package of RPM arch {@code rpmArch} whose provides have the word size of {@code cell} belongs to
     * {@code cell}: its own arches, or, for i686, a 32-bit package of x86_64 (openSUSE's -32bit packages).
     */
    static boolean belongs(String rpmArch, Arch cell) {
        if (RPM_NAMES.getOrDefault(cell, List.of()).contains(rpmArch)) {
            return true;
        }
        return cell == Arch.I686 && RPM_NAMES.get(Arch.X86_64).contains(rpmArch);
    }
}
