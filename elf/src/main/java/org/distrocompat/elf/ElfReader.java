package org.distrocompat.elf;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pure-Java reader of an ELF file's dynamic symbol versioning (GNU {@code .gnu.version},
 * {@code .gnu.version_d}, {@code .gnu.version_r}), dynamic symbols, dynamic-section names, the OS ABI byte and the
 * notes (ABI tags, GNU properties such as the x86-64 ISA level, OS identification notes).
 *
 * <p>Tables are located through the dynamic segment (PT_DYNAMIC, with virtual addresses converted to file
 * offsets through the PT_LOAD segments), so files without section headers work; the symbol count then
 * comes from DT_HASH's nchain or a walk of DT_GNU_HASH. When there is no usable dynamic segment the reader
 * falls back to the section headers.
 *
 * <p>The reader only reads the byte ranges it needs (absolute reads on a read-only mapping or the given
 * buffer; the image is never copied). Every offset, count and string is checked against the image size:
 * malformed or hostile input ends in an {@link ElfFormatException} whose message names the problem, never in
 * a runtime exception, a hang or unbounded allocation.
 */
public final class ElfReader {

    // e_ident
    private static final int EI_CLASS = 4;
    private static final int EI_DATA = 5;
    private static final int EI_OSABI = 7;

    // program header types
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;

    // section header types
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_NOTE = 7;
    private static final int SHT_NOBITS = 8;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_GNU_VERDEF = 0x6ffffffd;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int SHT_GNU_VERSYM = 0x6fffffff;

    // dynamic tags
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_HASH = 4;
    private static final long DT_STRTAB = 5;
    private static final long DT_SYMTAB = 6;
    private static final long DT_STRSZ = 10;
    private static final long DT_SYMENT = 11;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    private static final long DT_GNU_HASH = 0x6ffffef5L;
    private static final long DT_VERSYM = 0x6ffffff0L;
    private static final long DT_VERDEF = 0x6ffffffcL;
    private static final long DT_VERDEFNUM = 0x6ffffffdL;
    private static final long DT_VERNEED = 0x6ffffffeL;
    private static final long DT_VERNEEDNUM = 0x6fffffffL;

    // machines
    static final int EM_SPARC = 2;
    static final int EM_386 = 3;
    static final int EM_68K = 4;
    static final int EM_MIPS = 8;
    static final int EM_MIPS_RS3_LE = 10;
    static final int EM_PARISC = 15;
    static final int EM_SPARC32PLUS = 18;
    static final int EM_PPC = 20;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_ARM = 40;
    static final int EM_SH = 42;
    static final int EM_SPARCV9 = 43;
    static final int EM_IA_64 = 50;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;
    static final int EM_LOONGARCH = 258;
    static final int EM_ALPHA = 0x9026;
    /** Bounds of what the reader keeps of notes, whatever a file declares. */
    static final int MAX_NOTES = 256;
    static final int MAX_NOTE_DESC = 4096;

    static final int EF_ARM_EABIMASK = 0xff000000;
    static final int EF_ARM_EABI_VER5 = 0x05000000;
    static final int EF_ARM_ABI_FLOAT_HARD = 0x400;

    private static final String[] BINDINGS = {"LOCAL", "GLOBAL", "WEAK", "3", "4", "5", "6", "7", "8", "9",
            "UNIQUE", "11", "12", "13", "14", "15"};
    private static final String[] TYPES = {"NOTYPE", "OBJECT", "FUNC", "SECTION", "FILE", "COMMON", "TLS", "7",
            "8", "9", "IFUNC", "11", "12", "13", "14", "15"};

    private ElfReader() {
    }

    /**
     * Whether the buffer starts with the ELF magic {@code \x7fELF} at index 0. Does not change the buffer's
     * position.
     */
    public static boolean isElf(ByteBuffer buf) {
        return buf != null && buf.limit() >= 4 && buf.get(0) == 0x7f && buf.get(1) == 'E' && buf.get(2) == 'L'
                && buf.get(3) == 'F';
    }

    /** Memory-maps the file read-only and reads it. */
    public static ElfFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ElfFormatException("file too large to map: " + size + " bytes");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return read(map);
        }
    }

    /**
     * Reads an ELF image held in a buffer: bytes {@code [0, limit)} are the file. The buffer's position, limit
     * and byte order are not changed.
     */
    public static ElfFile read(ByteBuffer buf) throws ElfFormatException {
        if (buf == null) {
            throw new ElfFormatException("no data");
        }
        try {
            return new Parser(buf).parse();
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException
                 | ArithmeticException | NegativeArraySizeException e) {
            // every access is bounds-checked first; this is a safety net so that nothing else escapes
            throw new ElfFormatException("internal error: malformed input caused " + e, e);
        }
    }

    /** Wheel architecture name of an ELF header's identification, or "unknown". */
    public static String archName(int elfClass, ByteOrder order, int machine, int flags) {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        boolean is64 = elfClass == 64;
        switch (machine) {
            case EM_X86_64:
                return is64 && le ? "x86_64" : "unknown";
            case EM_386:
                return !is64 && le ? "i686" : "unknown";
            case EM_AARCH64:
                return is64 && le ? "aarch64" : "unknown";
            case EM_ARM:
                return !is64 && le && (flags & EF_ARM_EABIMASK) == EF_ARM_EABI_VER5
                        && (flags & EF_ARM_ABI_FLOAT_HARD) != 0 ? "armv7l" : "unknown";
            case EM_PPC64:
                return is64 ? (le ? "ppc64le" : "ppc64") : "unknown";
            case EM_S390:
                return is64 && !le ? "s390x" : "unknown";
            case EM_RISCV:
                return is64 && le ? "riscv64" : "unknown";
            case EM_LOONGARCH:
                return is64 && le ? "loongarch64" : "unknown";
            default:
                return "unknown";
        }
    }

    /**
     * The architecture's name for any machine: the wheel name where {@link #archName} knows one, otherwise the
     * name {@code uname -m} gives such a machine, which is what a wheel tag would carry: armv5l (ARM without the
     * hard-float EABI5), mips / mips64 (either byte order), ppc, s390, sparc / sparc64, x32, ia64, riscv32, ...;
     * "e_machine N" for machines it does not know.
     */
    public static String machineName(int elfClass, ByteOrder order, int machine, int flags) {
        String wheel = archName(elfClass, order, machine, flags);
        if (!wheel.equals("unknown")) {
            return wheel;
        }
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        boolean is64 = elfClass == 64;
        return switch (machine) {
            case EM_ARM -> !le ? "armeb" : (flags & EF_ARM_EABIMASK) == EF_ARM_EABI_VER5 ? "armv5l" : "arm";
            case EM_AARCH64 -> le ? "aarch64 (ILP32)" : "aarch64_be";
            case EM_MIPS, EM_MIPS_RS3_LE -> is64 ? "mips64" : "mips";
            case EM_PPC -> "ppc";
            case EM_PPC64 -> "ppc64 (32-bit class)";
            case EM_S390 -> is64 ? "s390x (little-endian)" : "s390";
            case EM_X86_64 -> "x32";
            case EM_386 -> "i686 (64-bit class)";
            case EM_SPARC, EM_SPARC32PLUS -> "sparc";
            case EM_SPARCV9 -> "sparc64";
            case EM_IA_64 -> "ia64";
            case EM_ALPHA -> "alpha";
            case EM_PARISC -> is64 ? "parisc64" : "parisc";
            case EM_68K -> "m68k";
            case EM_SH -> "sh4";
            case EM_RISCV -> is64 ? "riscv64 (big-endian)" : "riscv32";
            case EM_LOONGARCH -> is64 ? "loongarch64 (big-endian)" : "loongarch32";
            default -> "e_machine " + machine;
        };
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** One parse of one image. Offsets are longs; every read goes through {@link #need}. */
    private static final class Parser {
        private final ByteBuffer b;
        private final long size;
        private boolean is64;
        private int wordSize;

        // program headers
        private long[] loadVaddr = new long[0];
        private long[] loadOffset = new long[0];
        private long[] loadFilesz = new long[0];
        private int loadCount;
        private long dynOffset = -1;
        private long dynSize;
        private String interpreter;
        /** note ranges: offset, size, alignment of the PT_NOTE segments */
        private final List<long[]> noteRanges = new ArrayList<>();

        // section headers
        private int shnum;
        private long shoff;
        private int shentsize;

        // dynamic string table
        private long strOff = -1;
        private long strSize;
        private long strBudget;

        // ranges of tables, for the overlap check
        private final List<long[]> ranges = new ArrayList<>();
        private final List<String> rangeNames = new ArrayList<>();

        // entry budget for version chains (aux entries are revisitable through vd_aux/vn_aux)
        private long entryBudget;
        /** The end of what the version table being read occupies, for the section ranges. */
        private long chainEnd;

        Parser(ByteBuffer buf) {
            this.b = buf.duplicate();
            this.size = buf.limit();
        }

        // ---- checked primitive access -------------------------------------------------------------------

        private void need(long off, long len, String what) throws ElfFormatException {
            if (off < 0 || len < 0 || off > size || len > size - off) {
                throw new ElfFormatException("truncated: " + what + " at " + hex(off) + " runs past end of file (size "
                        + size + ")");
            }
        }

        private int u8(long off) {
            return b.get((int) off) & 0xff;
        }

        private int u16(long off) {
            return b.getShort((int) off) & 0xffff;
        }

        private long u32(long off) {
            return b.getInt((int) off) & 0xffffffffL;
        }

        /** A 64-bit value; values above Long.MAX_VALUE are returned as is (negative) and fail later checks. */
        private long u64(long off) {
            return b.getLong((int) off);
        }

        private long word(long off) {
            return is64 ? u64(off) : u32(off);
        }

        // ---- header -------------------------------------------------------------------------------------

        ElfFile parse() throws ElfFormatException {
            if (size < 4 || !isElf(b)) {
                throw new ElfFormatException(size < 4 ? "not an ELF file (only " + size + " bytes)"
                        : "not an ELF file (bad magic)");
            }
            need(0, 16, "ELF identification");
            int cls = u8(EI_CLASS);
            if (cls != 1 && cls != 2) {
                throw new ElfFormatException("unsupported ELF class " + cls + " (EI_CLASS)");
            }
            int data = u8(EI_DATA);
            if (data != 1 && data != 2) {
                throw new ElfFormatException("unsupported ELF data encoding " + data + " (EI_DATA)");
            }
            is64 = cls == 2;
            wordSize = is64 ? 8 : 4;
            ByteOrder order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            b.order(order);
            need(0, is64 ? 64 : 52, "ELF header");
            int type = u16(16);
            int machine = u16(18);
            // e_entry, e_phoff and e_shoff are words (4 or 8 bytes) from offset 24; the fields after them are fixed
            long phoff = word(24 + wordSize);
            shoff = word(24 + 2L * wordSize);
            int rest = 24 + 3 * wordSize;
            int flags = b.getInt(rest);
            int phentsize = u16(rest + 6);
            int phnum = u16(rest + 8);
            shentsize = u16(rest + 10);
            shnum = u16(rest + 12);
            int shstrndx = u16(rest + 14);
            // program headers first (they come first in a file: a truncated file is reported by them), unless
            // their count is PN_XNUM and lives in section 0's sh_info
            if (phnum == 0xffff) {
                readSectionHeaderTable();
                if (shnum > 0) {
                    phnum = (int) Math.min(Integer.MAX_VALUE, shInfo(0));
                }
                readProgramHeaders(phoff, phentsize, phnum);
            } else {
                readProgramHeaders(phoff, phentsize, phnum);
                readSectionHeaderTable();
            }

            Tables t = null;
            boolean sectionDynamicOk = shnum == 0 || findSection(SHT_DYNAMIC) >= 0;
            if (dynOffset >= 0 && dynSize > 0 && sectionDynamicOk) {
                t = tablesFromDynamic();
            } else if (shnum > 0) {
                t = tablesFromSections();
            }
            if (t == null) {
                t = new Tables();
            }
            // the loaded notes (PT_NOTE), the same whether section headers were stripped or not; the SHT_NOTE
            // sections only when there are no note segments (an object file)
            if (noteRanges.isEmpty()) {
                for (int i = 0; i < shnum; i++) {
                    if (shType(i) == SHT_NOTE) {
                        noteRanges.add(new long[] {shOffset(i), shSize(i), shAddralign(i)});
                    }
                }
            }
            return build(t, order, machine, flags, type, cls == 2 ? 64 : 32, u8(EI_OSABI));
        }

        private void readSectionHeaderTable() throws ElfFormatException {
            if (shoff == 0) {
                shnum = 0;
                return;
            }
            int min = is64 ? 64 : 40;
            if (shentsize < min) {
                if (shnum == 0 && shentsize == 0) {
                    return;
                }
                throw new ElfFormatException("bad e_shentsize " + shentsize + " (expected at least " + min + ")");
            }
            if (shoff < 0) {
                throw new ElfFormatException("bad e_shoff " + Long.toUnsignedString(shoff));
            }
            if (shnum == 0) { // extended numbering: count in section 0's sh_size
                need(shoff, shentsize, "section header 0");
                long n = is64 ? u64(shoff + 32) : u32(shoff + 20);
                if (n < 0 || n > size / shentsize) {
                    throw new ElfFormatException("absurd section count " + Long.toUnsignedString(n)
                            + " for a file of " + size + " bytes");
                }
                shnum = (int) n;
            }
            need(shoff, (long) shnum * shentsize, "section header table (" + shnum + " entries)");
        }

        private long shBase(int i) {
            return shoff + (long) i * shentsize;
        }

        private int shType(int i) {
            return b.getInt((int) (shBase(i) + 4));
        }

        private long shOffset(int i) {
            return is64 ? u64(shBase(i) + 24) : u32(shBase(i) + 16);
        }

        private long shSize(int i) {
            return is64 ? u64(shBase(i) + 32) : u32(shBase(i) + 20);
        }

        private int shLink(int i) {
            return b.getInt((int) (shBase(i) + (is64 ? 40 : 24)));
        }

        private long shInfo(int i) {
            return u32(shBase(i) + (is64 ? 44 : 28));
        }

        private long shAddralign(int i) {
            return is64 ? u64(shBase(i) + 48) : u32(shBase(i) + 32);
        }

        private long shEntsize(int i) {
            return is64 ? u64(shBase(i) + 56) : u32(shBase(i) + 36);
        }

        private int findSection(int type) {
            for (int i = 0; i < shnum; i++) {
                if (shType(i) == type) {
                    return i;
                }
            }
            return -1;
        }

        private void readProgramHeaders(long phoff, int phentsize, int phnum) throws ElfFormatException {
            if (phoff == 0 || phnum == 0) {
                return;
            }
            int min = is64 ? 56 : 32;
            if (phentsize < min) {
                throw new ElfFormatException("bad e_phentsize " + phentsize + " (expected at least " + min + ")");
            }
            if (phoff < 0) {
                throw new ElfFormatException("bad e_phoff " + Long.toUnsignedString(phoff));
            }
            need(phoff, (long) phnum * phentsize, "program header table (" + phnum + " entries)");
            loadVaddr = new long[phnum];
            loadOffset = new long[phnum];
            loadFilesz = new long[phnum];
            for (int i = 0; i < phnum; i++) {
                long p = phoff + (long) i * phentsize;
                int ptype = b.getInt((int) p);
                long off;
                long vaddr;
                long filesz;
                long align;
                if (is64) {
                    off = u64(p + 8);
                    vaddr = u64(p + 16);
                    filesz = u64(p + 32);
                    align = u64(p + 48);
                } else {
                    off = u32(p + 4);
                    vaddr = u32(p + 8);
                    filesz = u32(p + 16);
                    align = u32(p + 28);
                }
                switch (ptype) {
                    case PT_LOAD -> {
                        if (filesz != 0) {
                            need(off, filesz, "PT_LOAD segment " + i);
                            loadVaddr[loadCount] = vaddr;
                            loadOffset[loadCount] = off;
                            loadFilesz[loadCount] = filesz;
                            loadCount++;
                        }
                    }
                    case PT_DYNAMIC -> {
                        if (dynOffset < 0) {
                            need(off, filesz, "PT_DYNAMIC segment");
                            dynOffset = off;
                            dynSize = filesz;
                        }
                    }
                    case PT_INTERP -> {
                        if (interpreter == null) {
                            need(off, filesz, "PT_INTERP segment");
                            interpreter = boundedString(off, filesz, "PT_INTERP");
                        }
                    }
                    case PT_NOTE -> noteRanges.add(new long[] {off, filesz, align});
                    default -> {
                    }
                }
            }
        }

        /** A NUL-terminated string inside [off, off+len); a missing NUL ends the string at the range end. */
        private String boundedString(long off, long len, String what) throws ElfFormatException {
            need(off, len, what);
            long end = off + len;
            long p = off;
            while (p < end && b.get((int) p) != 0) {
                p++;
            }
            return decode(off, (int) (p - off));
        }

        private String decode(long off, int len) {
            byte[] a = new byte[len];
            b.get((int) off, a);
            return new String(a, StandardCharsets.UTF_8);
        }

        private long toOffset(long vaddr, String what) throws ElfFormatException {
            for (int i = 0; i < loadCount; i++) {
                long d = vaddr - loadVaddr[i];
                if (Long.compareUnsigned(vaddr, loadVaddr[i]) >= 0 && Long.compareUnsigned(d, loadFilesz[i]) < 0) {
                    return loadOffset[i] + d;
                }
            }
            throw new ElfFormatException(what + " address " + hex(vaddr) + " is not inside any PT_LOAD segment");
        }

        // ---- string table -------------------------------------------------------------------------------

        private void setStrtab(long off, long sz, String what, boolean exactSize) throws ElfFormatException {
            need(off, sz, what);
            strOff = off;
            strSize = sz;
            // names may share tails; scanning more than this means overlapping hostile names
            strBudget = 16 * sz + (1 << 20);
            if (exactSize) {
                addRange(what, off, sz);
            }
        }

        private String str(long idx, String what) throws ElfFormatException {
            if (strOff < 0) {
                throw new ElfFormatException(what + ": no dynamic string table");
            }
            if (idx < 0 || idx >= strSize) {
                throw new ElfFormatException("bad string offset " + hex(idx) + " for " + what
                        + " (string table size " + strSize + ")");
            }
            long start = strOff + idx;
            long end = strOff + strSize;
            long p = start;
            while (p < end && b.get((int) p) != 0) {
                p++;
            }
            if (p == end) {
                throw new ElfFormatException("unterminated string at " + hex(start) + " for " + what);
            }
            strBudget -= p - start + 1;
            if (strBudget < 0) {
                throw new ElfFormatException("string table scanning limit exceeded (overlapping names?) at "
                        + what);
            }
            return decode(start, (int) (p - start));
        }

        private void addRange(String name, long off, long len) {
            if (len > 0) {
                ranges.add(new long[] {off, off + len});
                rangeNames.add(name);
            }
        }

        private void checkOverlaps() throws ElfFormatException {
            for (int i = 0; i < ranges.size(); i++) {
                for (int j = i + 1; j < ranges.size(); j++) {
                    long[] r = ranges.get(i);
                    long[] s = ranges.get(j);
                    if (r[0] < s[1] && s[0] < r[1]) {
                        throw new ElfFormatException("overlapping tables: " + rangeNames.get(i) + " [" + hex(r[0])
                                + ", " + hex(r[1]) + ") and " + rangeNames.get(j) + " [" + hex(s[0]) + ", "
                                + hex(s[1]) + ")");
                    }
                }
            }
        }

        // ---- locating tables ----------------------------------------------------------------------------

        /** File offsets and counts of the tables, however they were found. -1 = absent. */
        private static final class Tables {
            long symOff = -1;
            long symCount;
            int symEnt;
            long versymOff = -1;
            long verdefOff = -1;
            long verdefNum;
            long verdefLimit;
            long verneedOff = -1;
            long verneedNum;
            long verneedLimit;
            Long soname;
            final List<Long> needed = new ArrayList<>();
            final List<Long> rpath = new ArrayList<>();
            final List<Long> runpath = new ArrayList<>();
        }

        private Tables tablesFromDynamic() throws ElfFormatException {
            Tables t = new Tables();
            readDynamicEntries(t, dynOffset, dynSize);
            return t;
        }

        private void readDynamicEntries(Tables t, long off, long len) throws ElfFormatException {
            Map<Long, Long> tags = new HashMap<>(); // the last entry of a tag wins, as with the loader
            forEachDynamic(off, len, (tag, val) -> {
                if (!readName(t, tag, val)) {
                    tags.put(tag, val);
                }
            });
            Long strtab = tags.get(DT_STRTAB);
            Long strsz = tags.get(DT_STRSZ);
            Long symtab = tags.get(DT_SYMTAB);
            Long syment = tags.get(DT_SYMENT);
            Long hash = tags.get(DT_HASH);
            Long gnuHash = tags.get(DT_GNU_HASH);
            Long versym = tags.get(DT_VERSYM);
            Long verdef = tags.get(DT_VERDEF);
            Long verneed = tags.get(DT_VERNEED);
            t.verdefNum = tags.getOrDefault(DT_VERDEFNUM, t.verdefNum);
            t.verneedNum = tags.getOrDefault(DT_VERNEEDNUM, t.verneedNum);
            if (strtab != null) {
                long so = toOffset(strtab, "DT_STRTAB");
                long sz = strsz != null ? strsz : -1;
                if (sz < 0 || Long.compareUnsigned(sz, size - so) > 0) {
                    if (strsz != null) {
                        throw new ElfFormatException("truncated: DT_STRSZ " + Long.toUnsignedString(strsz)
                                + " at " + hex(so) + " runs past end of file (size " + size + ")");
                    }
                    sz = size - so;
                }
                setStrtab(so, sz, ".dynstr", strsz != null);
            } else if (!t.needed.isEmpty() || t.soname != null || verdef != null || verneed != null) {
                throw new ElfFormatException("dynamic segment has no DT_STRTAB");
            }
            t.symEnt = is64 ? 24 : 16;
            if (syment != null && syment != 0L) {
                if (syment < t.symEnt || syment > 4096) {
                    throw new ElfFormatException("bad DT_SYMENT " + Long.toUnsignedString(syment));
                }
                t.symEnt = (int) (long) syment;
            }
            if (symtab != null) {
                t.symOff = toOffset(symtab, "DT_SYMTAB");
                int dynsymSec = shnum > 0 ? findSection(SHT_DYNSYM) : -1;
                // the layout guess: .dynsym runs up to the nearest table after it (.dynstr with GNU ld; lld puts
                // .gnu.hash there)
                long layoutGuess = -1;
                for (Long next : new Long[] {strtab, gnuHash, hash, versym, verdef, verneed}) {
                    if (next != null && Long.compareUnsigned(next, symtab) > 0) {
                        long guess = Long.divideUnsigned(next - symtab, t.symEnt);
                        layoutGuess = layoutGuess < 0 ? guess : Math.min(layoutGuess, guess);
                    }
                }
                if (dynsymSec >= 0) {
                    t.symCount = Long.compareUnsigned(shSize(dynsymSec), size) > 0 ? -1
                            : shSize(dynsymSec) / t.symEnt;
                } else if (hash != null) {
                    long h = toOffset(hash, "DT_HASH");
                    need(h, 8, "DT_HASH header");
                    t.symCount = u32(h + 4);
                } else if (gnuHash != null) {
                    t.symCount = gnuHashSymbolCount(toOffset(gnuHash, "DT_GNU_HASH"), layoutGuess);
                } else if (layoutGuess >= 0) {
                    t.symCount = layoutGuess;
                }
                checkSymCount(t);
            }
            if (versym != null) {
                t.versymOff = toOffset(versym, "DT_VERSYM");
            }
            if (verdef != null) {
                t.verdefOff = toOffset(verdef, "DT_VERDEF");
                t.verdefLimit = size;
            }
            if (verneed != null) {
                t.verneedOff = toOffset(verneed, "DT_VERNEED");
                t.verneedLimit = size;
            }
        }

        private void checkSymCount(Tables t) throws ElfFormatException {
            if (t.symCount < 0 || t.symCount > (size - t.symOff) / t.symEnt) {
                throw new ElfFormatException("absurd dynamic symbol count " + Long.toUnsignedString(t.symCount)
                        + ": .dynsym at " + hex(t.symOff) + " would run past end of file (size " + size + ")");
            }
        }

        /**
         * The symbol count from DT_GNU_HASH: one past the last symbol of the longest chain. When no symbol is
         * hashed (only undefined ones) the table cannot say how many there are: then the layout guess is used
         * if it is at least symoffset.
         */
        private long gnuHashSymbolCount(long h, long layoutGuess) throws ElfFormatException {
            need(h, 16, "DT_GNU_HASH header");
            long nbuckets = u32(h);
            long symoffset = u32(h + 4);
            long bloomSize = u32(h + 8);
            long buckets = h + 16 + bloomSize * wordSize;
            need(h + 16, bloomSize * wordSize, "DT_GNU_HASH bloom filter");
            need(buckets, nbuckets * 4, "DT_GNU_HASH buckets");
            long max = 0;
            for (long i = 0; i < nbuckets; i++) {
                max = Math.max(max, u32(buckets + 4 * i));
            }
            if (max == 0) {
                return layoutGuess >= symoffset ? layoutGuess : symoffset;
            }
            if (max < symoffset) {
                throw new ElfFormatException("bad DT_GNU_HASH: bucket value " + max + " below symoffset " + symoffset);
            }
            long chain = buckets + nbuckets * 4;
            long idx = max;
            while (true) {
                long p = chain + (idx - symoffset) * 4;
                need(p, 4, "DT_GNU_HASH chain");
                long v = u32(p);
                idx++;
                if ((v & 1) != 0) {
                    return idx;
                }
            }
        }

        private Tables tablesFromSections() throws ElfFormatException {
            Tables t = new Tables();
            int dynsym = -1;
            int verdef = -1;
            int verneed = -1;
            int versym = -1;
            int dynamic = -1;
            for (int i = 0; i < shnum; i++) {
                int ty = shType(i);
                if (ty == SHT_DYNSYM && dynsym < 0) {
                    dynsym = i;
                } else if (ty == SHT_GNU_VERDEF && verdef < 0) {
                    verdef = i;
                } else if (ty == SHT_GNU_VERNEED && verneed < 0) {
                    verneed = i;
                } else if (ty == SHT_GNU_VERSYM && versym < 0) {
                    versym = i;
                } else if (ty == SHT_DYNAMIC && dynamic < 0) {
                    dynamic = i;
                }
            }
            int strSec = dynsym >= 0 ? shLink(dynsym) : verdef >= 0 ? shLink(verdef) : verneed >= 0
                    ? shLink(verneed) : dynamic >= 0 ? shLink(dynamic) : -1;
            if (strSec >= 0) {
                if (strSec >= shnum) {
                    throw new ElfFormatException("bad sh_link " + strSec + " to the dynamic string table ("
                            + shnum + " sections)");
                }
                if (shType(strSec) != SHT_NOBITS) {
                    setStrtab(shOffset(strSec), shSize(strSec), ".dynstr", true);
                }
            }
            if (dynsym >= 0) {
                t.symEnt = is64 ? 24 : 16;
                long es = shEntsize(dynsym);
                if (es != 0) {
                    if (es < t.symEnt || es > 4096) {
                        throw new ElfFormatException("bad .dynsym sh_entsize " + Long.toUnsignedString(es));
                    }
                    t.symEnt = (int) es;
                }
                t.symOff = shOffset(dynsym);
                t.symCount = Long.compareUnsigned(shSize(dynsym), size) > 0 ? -1 : shSize(dynsym) / t.symEnt;
                need(t.symOff, 0, ".dynsym");
                checkSymCount(t);
            }
            if (versym >= 0) {
                t.versymOff = shOffset(versym);
            }
            if (verdef >= 0) {
                t.verdefOff = shOffset(verdef);
                t.verdefNum = shInfo(verdef);
                need(t.verdefOff, shSize(verdef), ".gnu.version_d section");
                t.verdefLimit = t.verdefOff + shSize(verdef);
            }
            if (verneed >= 0) {
                t.verneedOff = shOffset(verneed);
                t.verneedNum = shInfo(verneed);
                need(t.verneedOff, shSize(verneed), ".gnu.version_r section");
                t.verneedLimit = t.verneedOff + shSize(verneed);
            }
            if (dynamic >= 0) {
                long off = shOffset(dynamic);
                long sz = shSize(dynamic);
                need(off, sz, ".dynamic section");
                // only the names: the tables themselves came from the sections above
                Tables d = new Tables();
                long savedStrOff = strOff;
                long savedStrSize = strSize;
                long savedBudget = strBudget;
                int savedRanges = ranges.size();
                readDynamicNames(d, off, sz);
                strOff = savedStrOff;
                strSize = savedStrSize;
                strBudget = savedBudget;
                while (ranges.size() > savedRanges) {
                    ranges.remove(ranges.size() - 1);
                    rangeNames.remove(rangeNames.size() - 1);
                }
                t.soname = d.soname;
                t.needed.addAll(d.needed);
                t.rpath.addAll(d.rpath);
                t.runpath.addAll(d.runpath);
            }
            return t;
        }

        /** Reads only DT_NEEDED/DT_SONAME/DT_RPATH/DT_RUNPATH from a dynamic table. */
        private void readDynamicNames(Tables t, long off, long len) throws ElfFormatException {
            forEachDynamic(off, len, (tag, val) -> readName(t, tag, val));
        }

        /** One entry of a dynamic table. */
        @FunctionalInterface
        private interface DynamicEntry {
            void accept(long tag, long val) throws ElfFormatException;
        }

        /** Calls {@code entry} for every entry of a dynamic table up to its DT_NULL. */
        private void forEachDynamic(long off, long len, DynamicEntry entry) throws ElfFormatException {
            int ent = 2 * wordSize;
            long n = len / ent;
            for (long i = 0; i < n; i++) {
                long p = off + i * ent;
                long tag = word(p);
                if (tag == DT_NULL) {
                    break;
                }
                entry.accept(tag, word(p + wordSize));
            }
        }

        /** Keeps the names a dynamic entry gives (needed libraries, soname, search paths); false for other tags. */
        private static boolean readName(Tables t, long tag, long val) {
            if (tag == DT_NEEDED) {
                t.needed.add(val);
            } else if (tag == DT_SONAME) {
                t.soname = val;
            } else if (tag == DT_RPATH) {
                t.rpath.add(val);
            } else if (tag == DT_RUNPATH) {
                t.runpath.add(val);
            } else {
                return false;
            }
            return true;
        }

        // ---- version tables -----------------------------------------------------------------------------

        private List<VersionDefinition> readVerdef(long off, long count, long limit) throws ElfFormatException {
            List<VersionDefinition> out = new ArrayList<>();
            readTable(off, count, limit, Chain.VERDEF, ".gnu.version_d", pos -> {
                int cnt = u16(pos + 6);
                if (cnt == 0) {
                    throw new ElfFormatException(".gnu.version_d entry at " + hex(pos) + " has no names (vd_cnt 0)");
                }
                List<String> names = new ArrayList<>();
                walk(pos + u32(pos + 12), cnt, limit, Chain.VERDAUX, a -> {
                    names.add(str(u32(a), ".gnu.version_d name at " + hex(a)));
                    return u32(a + 4);
                });
                out.add(new VersionDefinition(u16(pos + 4), u16(pos + 2), names.get(0), names.subList(1, names.size())));
                return u32(pos + 16);
            });
            return out;
        }

        private List<VersionNeed> readVerneed(long off, long count, long limit) throws ElfFormatException {
            List<VersionNeed> out = new ArrayList<>();
            readTable(off, count, limit, Chain.VERNEED, ".gnu.version_r", pos -> {
                String file = str(u32(pos + 4), ".gnu.version_r file name at " + hex(pos));
                List<VersionNeedAux> versions = new ArrayList<>();
                walk(pos + u32(pos + 8), u16(pos + 2), limit, Chain.VERNAUX, a -> {
                    String name = str(u32(a + 8), ".gnu.version_r name at " + hex(a));
                    versions.add(new VersionNeedAux(name, u16(a + 4), u16(a + 6)));
                    return u32(a + 12);
                });
                out.add(new VersionNeed(file, versions));
                return u32(pos + 12);
            });
            return out;
        }

        /** A version table: its top-level chain (each entry read by {@code reader}) and the range it covers. */
        private void readTable(long off, long count, long limit, Chain chain, String section, ChainEntry reader)
                throws ElfFormatException {
            if (!hasEntries(off, count, limit, chain.size, section)) {
                return;
            }
            chainEnd = off;
            walk(off, count, limit, chain, reader);
            addRange(section, off, chainEnd - off);
        }

        /** The four linked lists of the version tables: entry size, what they are called, their "next" field. */
        private enum Chain {
            VERDEF(20, ".gnu.version_d entry", "vd_next", false),
            VERDAUX(8, ".gnu.version_d aux entry", "vda_next", true),
            VERNEED(16, ".gnu.version_r entry", "vn_next", false),
            VERNAUX(16, ".gnu.version_r aux entry", "vna_next", true);

            final int size;
            final String what;
            final String nextField;
            /** Aux chains may be shared between entries, so they spend from the entry budget. */
            final boolean aux;

            Chain(int size, String what, String nextField, boolean aux) {
                this.size = size;
                this.what = what;
                this.nextField = nextField;
                this.aux = aux;
            }
        }

        /** Reads the entry at {@code pos} (inside its section) and returns the offset to the next one. */
        @FunctionalInterface
        private interface ChainEntry {
            long read(long pos) throws ElfFormatException;
        }

        /**
         * Walks {@code count} entries of a chain from {@code off}, each checked to lie in its section. The "next"
         * offsets are unsigned and must be non-zero before the last entry, so offsets strictly increase and a chain
         * cannot loop; aux chains can be shared, hence the entry budget. Extends {@link #chainEnd}.
         */
        private void walk(long off, long count, long limit, Chain chain, ChainEntry reader) throws ElfFormatException {
            long pos = off;
            for (long i = 0; i < count; i++) {
                if (chain.aux) {
                    spend(chain.what, pos);
                }
                entry(pos, chain.size, limit, chain.what);
                chainEnd = Math.max(chainEnd, pos + chain.size);
                long next = reader.read(pos);
                if (i + 1 < count) {
                    pos = next(pos, next, chain.what, chain.nextField,
                            chain.aux ? "its last entry" : "the last of " + count + " entries");
                }
            }
        }

        /**
         * Whether a version table has entries to read; an entry count that cannot fit before the section's end is a
         * hostile file, not a big one.
         */
        private boolean hasEntries(long off, long count, long limit, int entrySize, String section)
                throws ElfFormatException {
            if (off < 0 || count == 0) {
                return false;
            }
            if (count < 0 || count > (limit - off) / entrySize + 1) {
                throw new ElfFormatException("absurd " + section + " entry count " + Long.toUnsignedString(count)
                        + " at " + hex(off) + " (file size " + size + ")");
            }
            return true;
        }

        /**
         * The next entry of a version chain. The "next" offsets are unsigned, so a zero one before the last entry is
         * the only way a chain can loop back on itself.
         */
        private long next(long at, long offset, String what, String field, String before) throws ElfFormatException {
            if (offset == 0) {
                throw new ElfFormatException(what + " at " + hex(at) + " has " + field + " 0 before " + before + " (loop)");
            }
            return at + offset;
        }

        /** An entry of a table: inside the file and inside its section. */
        private void entry(long off, int len, long limit, String what) throws ElfFormatException {
            need(off, len, what);
            checkLimit(off, len, limit, what);
        }

        private void checkLimit(long off, long len, long limit, String what) throws ElfFormatException {
            if (off + len > limit) {
                throw new ElfFormatException("truncated: " + what + " at " + hex(off)
                        + " runs past the end of its section at " + hex(limit));
            }
        }

        private void spend(String what, long at) throws ElfFormatException {
            if (--entryBudget < 0) {
                throw new ElfFormatException("too many version entries (shared or looping chains) at " + what
                        + " " + hex(at));
            }
        }

        // ---- assembling ---------------------------------------------------------------------------------

        private ElfFile build(Tables t, ByteOrder order, int machine, int flags, int type, int cls, int osAbi)
                throws ElfFormatException {
            entryBudget = size / 8 + 16;
            String soname = t.soname != null ? str(t.soname, "DT_SONAME") : null;
            List<String> needed = new ArrayList<>(t.needed.size());
            for (long v : t.needed) {
                needed.add(str(v, "DT_NEEDED"));
            }
            List<String> rpath = paths(t.rpath, "DT_RPATH");
            List<String> runpath = paths(t.runpath, "DT_RUNPATH");
            List<VersionDefinition> defs = readVerdef(t.verdefOff, t.verdefNum,
                    t.verdefOff >= 0 ? t.verdefLimit : size);
            List<VersionNeed> needs = readVerneed(t.verneedOff, t.verneedNum,
                    t.verneedOff >= 0 ? t.verneedLimit : size);
            List<DynamicSymbol> symbols = readSymbols(t, defs, needs);
            checkOverlaps();
            return new ElfFile(cls, order, machine, flags, type, archName(cls, order, machine, flags), interpreter,
                    soname, needed, rpath, runpath, defs, needs, symbols, osAbi, readNotes());
        }

        /**
         * The notes of every note range. Notes only describe the file, so a malformed one is not an error: reading
         * stops at the first entry that does not fit its range. At most {@link #MAX_NOTES} notes; descriptors over
         * {@link #MAX_NOTE_DESC} bytes are kept empty.
         */
        private List<ElfNote> readNotes() {
            List<ElfNote> out = new ArrayList<>();
            for (long[] r : noteRanges) {
                long off = r[0];
                long len = r[1];
                if (off < 0 || len < 0 || off > size || len > size - off) {
                    continue;
                }
                int align = r[2] == 8 ? 8 : 4; // GNU property notes of ELF64 are 8-aligned; the rest 4
                long end = off + len;
                long p = off;
                while (p + 12 <= end && out.size() < MAX_NOTES) {
                    long namesz = u32(p);
                    long descsz = u32(p + 4);
                    long type = u32(p + 8);
                    long name = p + 12;
                    long desc = name + pad(namesz, 4);
                    if (namesz > end - name || desc > end || descsz > end - desc) {
                        break;
                    }
                    int nameLen = 0;
                    while (nameLen < namesz && b.get((int) (name + nameLen)) != 0) {
                        nameLen++;
                    }
                    String owner = decode(name, nameLen);
                    byte[] d = new byte[descsz <= MAX_NOTE_DESC ? (int) descsz : 0];
                    b.get((int) desc, d);
                    out.add(new ElfNote(owner, type, d));
                    p = desc + pad(descsz, align);
                }
            }
            return out;
        }

        private static long pad(long n, int align) {
            return (n + align - 1) / align * align;
        }

        private List<String> paths(List<Long> offsets, String what) throws ElfFormatException {
            List<String> out = new ArrayList<>();
            for (long v : offsets) {
                String s = str(v, what);
                if (!s.isEmpty()) {
                    out.addAll(Arrays.asList(s.split(":", -1)));
                }
            }
            return out;
        }

        private List<DynamicSymbol> readSymbols(Tables t, List<VersionDefinition> defs, List<VersionNeed> needs)
                throws ElfFormatException {
            if (t.symOff < 0 || t.symCount <= 1) {
                return List.of();
            }
            long n = t.symCount;
            need(t.symOff, n * t.symEnt, ".dynsym (" + n + " entries)");
            addRange(".dynsym", t.symOff, n * t.symEnt);
            // version index -> name
            int maxDef = 0;
            for (VersionDefinition d : defs) {
                maxDef = Math.max(maxDef, d.index());
            }
            int maxNeed = 0;
            for (VersionNeed vn : needs) {
                for (VersionNeedAux a : vn.versions()) {
                    maxNeed = Math.max(maxNeed, a.other());
                }
            }
            String[] defNames = new String[maxDef + 1];
            for (VersionDefinition d : defs) {
                if (defNames[d.index()] == null) {
                    defNames[d.index()] = d.name();
                }
            }
            String[] needNames = new String[maxNeed + 1];
            String[] needFiles = new String[maxNeed + 1];
            for (VersionNeed vn : needs) {
                for (VersionNeedAux a : vn.versions()) {
                    if (needNames[a.other()] == null) {
                        needNames[a.other()] = a.name();
                        needFiles[a.other()] = vn.file();
                    }
                }
            }
            boolean hasVersym = t.versymOff >= 0;
            if (hasVersym) {
                need(t.versymOff, n * 2, ".gnu.version (" + n + " entries)");
                addRange(".gnu.version", t.versymOff, n * 2);
            }
            List<DynamicSymbol> out = new ArrayList<>((int) n - 1);
            for (long i = 1; i < n; i++) {
                long p = t.symOff + i * t.symEnt;
                long nameIdx = u32(p);
                int info;
                int shndx;
                if (is64) {
                    info = u8(p + 4);
                    shndx = u16(p + 6);
                } else {
                    info = u8(p + 12);
                    shndx = u16(p + 14);
                }
                String name = str(nameIdx, "symbol " + i);
                boolean defined = shndx != 0;
                String version = null;
                String library = null;
                boolean hidden = false;
                if (hasVersym) {
                    int vs = u16(t.versymOff + i * 2);
                    hidden = (vs & 0x8000) != 0;
                    int idx = vs & 0x7fff;
                    if (idx > 1) {
                        String d = idx < defNames.length ? defNames[idx] : null;
                        String r = idx < needNames.length ? needNames[idx] : null;
                        // as readelf: undefined symbols name requirements only; defined ones definitions first
                        version = defined ? (d != null ? d : r) : r;
                        if (!defined && r != null) {
                            library = needFiles[idx];
                        }
                    }
                }
                out.add(new DynamicSymbol(name, defined, BINDINGS[info >>> 4], TYPES[info & 0xf], version, hidden,
                        library));
            }
            return out;
        }
    }
}
