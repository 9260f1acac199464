package org.distrocompat.core.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.distrocompat.core.check.Platform.Os;

/**
 * A native file that is not ELF: a Mach-O image (macOS; thin or universal) or a PE image (Windows), told by its
 * header only. They are listed per platform and not judged. Java class files share Mach-O's universal magic
 * (CAFEBABE): a class file's next four bytes are its version (major at least 45), a universal binary's its
 * architecture count (a handful), and that tells them apart.
 *
 * @param path   the path inside the input
 * @param format "Mach-O" or "PE"
 * @param os     macOS or Windows
 * @param arch   x86_64, arm64, i386, arm, or "universal (x86_64, arm64)"; "unknown" for other CPUs
 */
public record ForeignBinary(String path, String format, Os os, String arch) {

    /** Bytes of the head {@link #sniff} needs: the PE header is usually within the first 512. */
    public static final int HEAD = 1024;

    /** The foreign binary {@code head} (the first bytes of a file) starts, or null when it is none. */
    public static ForeignBinary sniff(String path, byte[] head, int length) {
        if (length < 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, length);
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        switch (magic) {
            case 0xfeedface, 0xfeedfacf -> {
                return new ForeignBinary(path, "Mach-O", Os.MACOS, machO(b.getInt(4)));
            }
            case 0xcefaedfe, 0xcffaedfe -> {
                return new ForeignBinary(path, "Mach-O", Os.MACOS, machO(b.order(ByteOrder.LITTLE_ENDIAN).getInt(4)));
            }
            case 0xcafebabe, 0xcafebabf -> {
                int count = b.getInt(4);
                if (count <= 0 || count >= 45) {
                    return null; // a Java class file (its version follows the magic)
                }
                int entry = magic == 0xcafebabe ? 20 : 32;
                List<String> arches = new ArrayList<>();
                for (int i = 0; i < count && 8 + (i + 1) * entry <= length; i++) {
                    arches.add(machO(b.getInt(8 + i * entry)));
                }
                return new ForeignBinary(path, "Mach-O", Os.MACOS, "universal (" + String.join(", ", arches) + ")");
            }
            default -> {
                return pe(path, b, length);
            }
        }
    }

    private static ForeignBinary pe(String path, ByteBuffer b, int length) {
        if (length < 0x40 || b.get(0) != 'M' || b.get(1) != 'Z') {
            return null;
        }
        int at = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0x3c);
        if (at < 0x40 || at > length - 6 || b.getInt(at) != 0x00004550) { // "PE\0\0"
            return null;
        }
        String arch = switch (b.getShort(at + 4) & 0xffff) {
            case 0x8664 -> "x86_64";
            case 0xaa64 -> "arm64";
            case 0x014c -> "i386";
            case 0x01c4 -> "arm";
            default -> "unknown";
        };
        return new ForeignBinary(path, "PE", Os.WINDOWS, arch);
    }

    private static String machO(int cpuType) {
        return switch (cpuType) {
            case 0x01000007 -> "x86_64";
            case 0x0100000c -> "arm64";
            case 7 -> "i386";
            case 12 -> "arm";
            case 0x0200000c -> "arm64_32";
            default -> "unknown";
        };
    }

    /** The platform the file is for (no libc: macOS and Windows libraries are not judged). */
    public Platform platform() {
        return new Platform(os, null, arch);
    }
}
