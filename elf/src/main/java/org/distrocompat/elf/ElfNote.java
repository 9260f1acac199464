package org.distrocompat.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One entry of a note segment or section (Elf_Nhdr with its name and descriptor): {@code GNU} notes
 * (NT_GNU_ABI_TAG, NT_GNU_BUILD_ID, NT_GNU_PROPERTY_TYPE_0), {@code FreeBSD}, {@code NetBSD}, {@code OpenBSD}
 * and {@code Android} identification notes, and any other owner's.
 *
 * @param owner the name (n_name without its NUL), e.g. "GNU"
 * @param type  n_type
 * @param desc  the descriptor bytes (empty when the reader skipped an oversized one)
 */
public record ElfNote(String owner, long type, byte[] desc) {
    /** NT_GNU_ABI_TAG: the OS and oldest kernel an object is for (owner "GNU"); NT_FREEBSD_ABI_TAG is 1 as well. */
    public static final long NT_GNU_ABI_TAG = 1;
    /** NT_GNU_PROPERTY_TYPE_0: program properties (owner "GNU"): x86 ISA level, CET, AArch64 BTI, ... */
    public static final long NT_GNU_PROPERTY_TYPE_0 = 5;
    /** GNU_PROPERTY_X86_ISA_1_NEEDED: the x86-64 micro-architecture levels an object needs (bit 0 the baseline). */
    public static final long GNU_PROPERTY_X86_ISA_1_NEEDED = 0xc0008002L;

    public ElfNote {
        desc = desc.clone();
    }

    @Override
    public byte[] desc() {
        return desc.clone();
    }

    /**
     * The value of one program property of a {@code GNU} NT_GNU_PROPERTY_TYPE_0 note whose data is 4 bytes, or -1
     * when the note is of another kind or does not hold the property. Properties are (pr_type, pr_datasz, data
     * padded to 8 bytes in ELF64, 4 in ELF32).
     */
    public long gnuProperty(long prType, ByteOrder order, boolean is64) {
        if (type != NT_GNU_PROPERTY_TYPE_0 || !"GNU".equals(owner)) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(desc).order(order);
        int align = is64 ? 8 : 4;
        int p = 0;
        while (p + 8 <= desc.length) {
            long t = b.getInt(p) & 0xffffffffL;
            long size = b.getInt(p + 4) & 0xffffffffL;
            if (size > desc.length - p - 8) {
                return -1;
            }
            if (t == prType) {
                return size == 4 ? b.getInt(p + 8) & 0xffffffffL : -1;
            }
            p += 8 + (int) ((size + align - 1) / align * align);
        }
        return -1;
    }

    /** The first 32-bit word of the descriptor, or -1 when it is shorter (an ABI tag's OS, an API level). */
    public long firstWord(ByteOrder order) {
        return desc.length < 4 ? -1 : ByteBuffer.wrap(desc).order(order).getInt(0) & 0xffffffffL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElfNote n && n.owner.equals(owner) && n.type == type && Arrays.equals(n.desc, desc);
    }

    @Override
    public int hashCode() {
        return (owner.hashCode() * 31 + Long.hashCode(type)) * 31 + Arrays.hashCode(desc);
    }

    @Override
    public String toString() {
        return "ElfNote[" + owner + ", type " + type + ", " + desc.length + " bytes]";
    }
}
