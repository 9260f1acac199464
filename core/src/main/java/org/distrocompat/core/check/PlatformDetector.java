package org.distrocompat.core.check;

import java.util.Locale;
import java.util.regex.Pattern;
import org.distrocompat.core.check.Platform.Os;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfNote;
import org.distrocompat.elf.VersionNeed;

/**
 * The platform of one ELF file, from the strongest evidence to the weakest, the first that speaks deciding:
 * <ol>
 * <li>DT_NEEDED (and the version requirements' files and names): libc.so.6 or glibc's loader is glibc,
 * libc.musl-* / ld-musl-* musl, liblog.so / libandroid.so Android, libc.so.7 FreeBSD, libc.so.12 NetBSD, libc.so.1
 * (or SUNW_ versions) Solaris, FBSD_ versions FreeBSD; a bare libc.so is noted (bionic's name, but also what
 * Debian's musl-gcc links) and decided only if nothing below speaks;</li>
 * <li>PT_INTERP: /lib/ld-musl-*, glibc's ld-linux* / ld64.so.*, /system/bin/linker*, FreeBSD's
 * /libexec/ld-elf.so.1, NetBSD's and OpenBSD's /usr/libexec/ld.*, Solaris' /usr/lib/.../ld.so.1;</li>
 * <li>a CPython extension suffix: -linux-gnu*.so, -linux-musl*.so, -linux-android.so;</li>
 * <li>the ELF OS ABI byte (FreeBSD, NetBSD, OpenBSD, Solaris, GNU) and notes (the FreeBSD, NetBSD, OpenBSD and
 * Android identification notes, the GNU ABI tag's OS);</li>
 * <li>the bare libc.so of step 1: Android's bionic;</li>
 * <li>the path inside the input, as jars and npm packages lay their natives out ({@code Linux-Musl/x86_64/},
 * {@code linux-x64-musl/}, {@code android-arm64/}, {@code freebsd-x86-64/}, {@code sunos-x86-64/},
 * {@code node.napi.musl.node});</li>
 * <li>otherwise Linux, with no libc (a file that needs none).</li>
 * </ol>
 */
public final class PlatformDetector {
    private static final Pattern GNU_SUFFIX = Pattern.compile(".*-linux-gnu[a-z0-9_]*\\.so");
    private static final Pattern MUSL_SUFFIX = Pattern.compile(".*-linux-musl[a-z0-9_]*\\.so");
    private static final Pattern ANDROID_SUFFIX = Pattern.compile(".*-linux-android(eabi)?\\.so");

    private PlatformDetector() {
    }

    /** An OS and libc decided by one piece of evidence; null fields: not decided by it. */
    private record Decision(Os os, String libc) {
    }

    public static Platform detect(String path, ElfFile elf) {
        Decision d = fromNeeded(elf);
        boolean bareLibc = elf.needed().contains("libc.so");
        if (d == null) {
            d = fromInterpreter(elf.interpreter());
        }
        if (d == null) {
            d = fromSuffix(path.substring(path.lastIndexOf('/') + 1));
        }
        if (d == null) {
            d = fromAbi(elf);
        }
        if (d == null && bareLibc) {
            d = new Decision(Os.ANDROID, Platform.BIONIC);
        }
        if (d == null) {
            d = fromPath(path);
        }
        if (d == null) {
            d = new Decision(Os.LINUX, null);
        }
        return new Platform(d.os(), d.libc(), elf.machineName());
    }

    private static Decision fromNeeded(ElfFile elf) {
        for (String n : elf.needed()) {
            Decision d = fromSoname(n);
            if (d != null) {
                return d;
            }
        }
        for (VersionNeed vn : elf.requirements()) {
            Decision d = fromSoname(vn.file());
            if (d != null) {
                return d;
            }
            for (String v : vn.versionNames()) {
                if (v.startsWith("FBSD_")) {
                    return new Decision(Os.FREEBSD, null);
                }
                if (v.startsWith("SUNW")) {
                    return new Decision(Os.SOLARIS, null);
                }
            }
        }
        return null;
    }

    private static Decision fromSoname(String n) {
        if (n.equals("libc.so.6") || n.startsWith("ld-linux") || n.startsWith("ld64.so.")) {
            return new Decision(Os.LINUX, Platform.GLIBC);
        }
        if (n.startsWith("libc.musl-") || n.startsWith("ld-musl-")) {
            return new Decision(Os.LINUX, Platform.MUSL);
        }
        return switch (n) {
            case "liblog.so", "libandroid.so" -> new Decision(Os.ANDROID, Platform.BIONIC);
            case "libc.so.7" -> new Decision(Os.FREEBSD, null);
            case "libc.so.12" -> new Decision(Os.NETBSD, null);
            case "libc.so.1" -> new Decision(Os.SOLARIS, null);
            default -> null;
        };
    }

    private static Decision fromInterpreter(String interp) {
        if (interp == null || interp.isEmpty()) {
            return null;
        }
        String base = interp.substring(interp.lastIndexOf('/') + 1);
        if (base.startsWith("ld-musl-")) {
            return new Decision(Os.LINUX, Platform.MUSL);
        }
        if (interp.startsWith("/system/bin/linker")) {
            return new Decision(Os.ANDROID, Platform.BIONIC);
        }
        if (interp.equals("/libexec/ld-elf.so.1")) {
            return new Decision(Os.FREEBSD, null);
        }
        if (interp.equals("/usr/libexec/ld.elf_so")) {
            return new Decision(Os.NETBSD, null);
        }
        if (interp.equals("/usr/libexec/ld.so")) {
            return new Decision(Os.OPENBSD, null);
        }
        if (base.equals("ld.so.1") && interp.startsWith("/usr/lib/")) {
            return new Decision(Os.SOLARIS, null);
        }
        if (base.startsWith("ld-linux") || base.startsWith("ld64.so.") || base.equals("ld.so.1")) {
            return new Decision(Os.LINUX, Platform.GLIBC); // glibc's loader (ld.so.1 on 32-bit PowerPC and MIPS)
        }
        return null;
    }

    private static Decision fromSuffix(String name) {
        if (GNU_SUFFIX.matcher(name).matches()) {
            return new Decision(Os.LINUX, Platform.GLIBC);
        }
        if (MUSL_SUFFIX.matcher(name).matches()) {
            return new Decision(Os.LINUX, Platform.MUSL);
        }
        if (ANDROID_SUFFIX.matcher(name).matches()) {
            return new Decision(Os.ANDROID, Platform.BIONIC);
        }
        return null;
    }

    private static Decision fromAbi(ElfFile elf) {
        switch (elf.osAbi()) {
            case ElfFile.ELFOSABI_FREEBSD -> {
                return new Decision(Os.FREEBSD, null);
            }
            case ElfFile.ELFOSABI_NETBSD -> {
                return new Decision(Os.NETBSD, null);
            }
            case ElfFile.ELFOSABI_OPENBSD -> {
                return new Decision(Os.OPENBSD, null);
            }
            case ElfFile.ELFOSABI_SOLARIS -> {
                return new Decision(Os.SOLARIS, null);
            }
            default -> {
                // the notes decide below
            }
        }
        for (ElfNote n : elf.notes()) {
            switch (n.owner()) {
                case "FreeBSD" -> {
                    return new Decision(Os.FREEBSD, null);
                }
                case "NetBSD" -> {
                    return new Decision(Os.NETBSD, null);
                }
                case "OpenBSD" -> {
                    return new Decision(Os.OPENBSD, null);
                }
                case "Android" -> {
                    return new Decision(Os.ANDROID, Platform.BIONIC);
                }
                default -> {
                    // the GNU ABI tag below
                }
            }
        }
        long abiTagOs = elf.noteWord("GNU", ElfNote.NT_GNU_ABI_TAG);
        if (abiTagOs == 0 || elf.osAbi() == ElfFile.ELFOSABI_GNU) {
            return new Decision(Os.LINUX, Platform.GLIBC); // only glibc's crt files write a GNU ABI tag for Linux
        }
        if (abiTagOs == 1) {
            return new Decision(Os.HURD, null);
        }
        if (abiTagOs == 2) {
            return new Decision(Os.SOLARIS, null);
        }
        if (abiTagOs == 3) {
            return new Decision(Os.FREEBSD, null);
        }
        return null;
    }

    /**
     * The platform a jar's or npm package's directory names (any path segment), or null; the libc also by the file
     * name, as prebuilt Node addons name it ({@code node.napi.musl.node}, {@code node.napi.glibc.node}).
     */
    private static Decision fromPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String dirs = lower.contains("/") ? lower.substring(0, lower.lastIndexOf('/')) : "";
        if (dirs.contains("android")) {
            return new Decision(Os.ANDROID, Platform.BIONIC);
        }
        if (lower.contains("musl")) {
            return new Decision(Os.LINUX, Platform.MUSL);
        }
        if (lower.contains("glibc")) {
            return new Decision(Os.LINUX, Platform.GLIBC);
        }
        if (dirs.contains("freebsd")) {
            return new Decision(Os.FREEBSD, null);
        }
        if (dirs.contains("netbsd")) {
            return new Decision(Os.NETBSD, null);
        }
        if (dirs.contains("openbsd")) {
            return new Decision(Os.OPENBSD, null);
        }
        if (dirs.contains("sunos") || dirs.contains("solaris")) {
            return new Decision(Os.SOLARIS, null);
        }
        return null;
    }
}
