package org.distrocompat.core.check;

import java.util.Locale;
import org.distrocompat.db.model.Arch;

/**
 * Where a native binary runs: the operating system, the C library (Linux and Android only; null when a Linux file
 * needs no libc at all) and the architecture ({@link org.distrocompat.elf.ElfFile#machineName()}: the wheel name
 * x86_64, aarch64, ... where there is one, else armv5l, mips64, ...; Mach-O and PE files name theirs).
 */
public record Platform(Os os, String libc, String arch) {
    public static final String GLIBC = "glibc";
    public static final String MUSL = "musl";
    public static final String BIONIC = "bionic";

    /** Operating systems a native file is told apart for; JSON and the schema use {@link #id()}. */
    public enum Os {
        LINUX("Linux"), ANDROID("Android"), FREEBSD("FreeBSD"), NETBSD("NetBSD"), OPENBSD("OpenBSD"),
        SOLARIS("Solaris"), HURD("GNU/Hurd"), MACOS("macOS"), WINDOWS("Windows");

        private final String display;

        Os(String display) {
            this.display = display;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String display() {
            return display;
        }

        @Override
        public String toString() {
            return id();
        }
    }

    public boolean isLinux() {
        return os == Os.LINUX;
    }

    /** A Linux platform of an architecture wheels have tags for (x86_64, i686, aarch64, ...). */
    public boolean hasWheelTag() {
        return isLinux() && Arch.fromAnyName(arch).map(a -> a.wheelName().equals(arch)).orElse(false);
    }

    /** "Linux glibc x86_64", "Linux musl aarch64", "Android aarch64", "FreeBSD x86_64", "macOS arm64". */
    public String label() {
        return os.display() + (isLinux() && libc != null ? " " + libc : "") + " " + arch;
    }
}
