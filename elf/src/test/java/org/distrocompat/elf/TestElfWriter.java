package org.distrocompat.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: writes small but valid ELF32/ELF64, little/big-endian shared objects with chosen dynamic
 * section, dynamic symbols and GNU version tables, laid out in one PT_LOAD segment (virtual address = file
 * offset + {@link #BASE}) with PT_DYNAMIC (and PT_INTERP), optionally with section headers so readelf can
 * read them.
 */
final class TestElfWriter {
    static final long BASE = 0x400000;

    enum Hash { SYSV, GNU, NONE }

    record Def(int index, int flags, List<String> names) {
    }

    record NeedAux(String name, int flags, int other) {
    }

    record Need(String file, List<NeedAux> aux) {
    }

    /** A dynamic symbol; versym is the raw .gnu.version value (0x8000 = hidden). */
    record Sym(String name, boolean defined, int bind, int type, int versym) {
    }

    int elfClass = 64;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    int machine = 62;
    int flags;
    int type = 3;
    String interpreter;
    String soname;
    List<String> needed = new ArrayList<>();
    String rpath;
    String runpath;
    List<Def> defs = new ArrayList<>();
    List<Need> needs = new ArrayList<>();
    List<Sym> syms = new ArrayList<>();
    Hash hash = Hash.SYSV;
    boolean sectionHeaders = true;
    boolean versym = true;

    TestElfWriter arch(int cls, ByteOrder o, int em, int fl) {
        elfClass = cls;
        order = o;
        machine = em;
        flags = fl;
        return this;
    }

    /** A typical library: soname, needed libc, definitions with a parent chain, requirements, symbols. */
    static TestElfWriter typicalLibrary() {
        TestElfWriter w = new TestElfWriter();
        w.soname = "libdemo.so.1";
        w.needed = new ArrayList<>(List.of("libc.so.6", "libm.so.6"));
        w.runpath = "$ORIGIN:/opt/demo/lib";
        w.defs = new ArrayList<>(List.of(
                new Def(1, 1, List.of("libdemo.so.1")),
                new Def(2, 0, List.of("DEMO_1.0")),
                new Def(3, 0, List.of("DEMO_1.1", "DEMO_1.0")),
                new Def(4, 0, List.of("DEMO_PRIVATE"))));
        w.needs = new ArrayList<>(List.of(
                new Need("libc.so.6", List.of(new NeedAux("GLIBC_2.17", 0, 5), new NeedAux("GLIBC_2.2.5", 0, 6))),
                new Need("libm.so.6", List.of(new NeedAux("GLIBC_2.29", 2, 7)))));
        w.syms = new ArrayList<>(List.of(
                new Sym("memcpy", false, 1, 2, 5),
                new Sym("exp", false, 1, 2, 7),
                new Sym("__gmon_start__", false, 2, 0, 0),
                new Sym("printf", false, 1, 2, 6),
                new Sym("demo_old", true, 1, 2, 0x8002),
                new Sym("demo_new", true, 1, 2, 3),
                new Sym("demo_var", true, 1, 1, 2),
                new Sym("demo_tls", true, 1, 6, 4),
                new Sym("DEMO_1.0", true, 1, 0, 2),
                new Sym("demo_plain", true, 2, 2, 1)));
        return w;
    }

    // ---- writing ------------------------------------------------------------------------------------

    private ByteBuffer out;
    private boolean is64;

    /** File offsets of the last {@link #build()}, for tests that damage particular tables. */
    long symOff;
    long strOff;
    int strSize;
    long versymOff;
    long verdefOff;
    long verneedOff;
    long dynOff;
    int dynCount;
    long shOff;

    byte[] build() {
        is64 = elfClass == 64;
        int word = is64 ? 8 : 4;
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int shentsize = is64 ? 64 : 40;
        int symentsize = is64 ? 24 : 16;
        int nph = interpreter != null ? 3 : 2;

        // dynamic string table
        StringTable dynstr = new StringTable();
        int sonameIdx = soname != null ? dynstr.add(soname) : -1;
        List<Integer> neededIdx = new ArrayList<>();
        for (String n : needed) {
            neededIdx.add(dynstr.add(n));
        }
        int rpathIdx = rpath != null ? dynstr.add(rpath) : -1;
        int runpathIdx = runpath != null ? dynstr.add(runpath) : -1;
        for (Def d : defs) {
            d.names().forEach(dynstr::add);
        }
        for (Need n : needs) {
            dynstr.add(n.file());
            n.aux().forEach(a -> dynstr.add(a.name()));
        }
        for (Sym s : syms) {
            dynstr.add(s.name());
        }
        byte[] strBytes = dynstr.bytes();
        int nsyms = syms.size() + 1;

        // layout
        long off = ehsize + (long) nph * phentsize;
        long interpOff = off;
        byte[] interpBytes = interpreter != null ? (interpreter + "\0").getBytes(StandardCharsets.UTF_8) : new byte[0];
        off += interpBytes.length;
        off = align(off, 8);
        long hashOff = off;
        byte[] hashBytes = hashTable(nsyms, word);
        off += hashBytes.length;
        off = align(off, 8);
        long symOff = off;
        off += (long) nsyms * symentsize;
        long strOff = off;
        off += strBytes.length;
        off = align(off, 2);
        long versymOff = off;
        if (versym) {
            off += 2L * nsyms;
        }
        off = align(off, 8);
        long verdefOff = off;
        int verdefSize = 0;
        for (Def d : defs) {
            verdefSize += 20 + 8 * d.names().size();
        }
        off += verdefSize;
        off = align(off, 8);
        long verneedOff = off;
        int verneedSize = 0;
        for (Need n : needs) {
            verneedSize += 16 + 16 * n.aux().size();
        }
        off += verneedSize;
        off = align(off, 8);
        long dynOff = off;
        List<long[]> dyn = new ArrayList<>();
        for (int n : neededIdx) {
            dyn.add(new long[] {1, n});
        }
        if (sonameIdx >= 0) {
            dyn.add(new long[] {14, sonameIdx});
        }
        if (rpathIdx >= 0) {
            dyn.add(new long[] {15, rpathIdx});
        }
        if (runpathIdx >= 0) {
            dyn.add(new long[] {29, runpathIdx});
        }
        if (hash == Hash.SYSV) {
            dyn.add(new long[] {4, BASE + hashOff});
        } else if (hash == Hash.GNU) {
            dyn.add(new long[] {0x6ffffef5L, BASE + hashOff});
        }
        dyn.add(new long[] {5, BASE + strOff});
        dyn.add(new long[] {6, BASE + symOff});
        dyn.add(new long[] {10, strBytes.length});
        dyn.add(new long[] {11, symentsize});
        if (versym) {
            dyn.add(new long[] {0x6ffffff0L, BASE + versymOff});
        }
        if (!defs.isEmpty()) {
            dyn.add(new long[] {0x6ffffffcL, BASE + verdefOff});
            dyn.add(new long[] {0x6ffffffdL, defs.size()});
        }
        if (!needs.isEmpty()) {
            dyn.add(new long[] {0x6ffffffeL, BASE + verneedOff});
            dyn.add(new long[] {0x6fffffffL, needs.size()});
        }
        dyn.add(new long[] {0, 0});
        off += (long) dyn.size() * 2 * word;
        long loadEnd = off;

        // section headers
        StringTable shstr = new StringTable();
        List<long[]> sh = new ArrayList<>(); // name, type, flags, addr, offset, size, link, info, align, entsize
        long shstrOff = 0;
        long shOff = 0;
        byte[] shstrBytes = new byte[0];
        if (sectionHeaders) {
            sh.add(new long[10]);
            if (interpreter != null) {
                sh.add(sec(shstr.add(".interp"), 1, 2, BASE + interpOff, interpOff, interpBytes.length, 0, 0, 1, 0));
            }
            int dynsymIdx = sh.size() + (hash != Hash.NONE ? 1 : 0);
            int dynstrIdx = dynsymIdx + 1;
            if (hash == Hash.SYSV) {
                sh.add(sec(shstr.add(".hash"), 5, 2, BASE + hashOff, hashOff, hashBytes.length, dynsymIdx, 0, 8, 4));
            } else if (hash == Hash.GNU) {
                sh.add(sec(shstr.add(".gnu.hash"), 0x6ffffff6L, 2, BASE + hashOff, hashOff, hashBytes.length,
                        dynsymIdx, 0, 8, 0));
            }
            sh.add(sec(shstr.add(".dynsym"), 11, 2, BASE + symOff, symOff, (long) nsyms * symentsize, dynstrIdx, 1,
                    8, symentsize));
            sh.add(sec(shstr.add(".dynstr"), 3, 2, BASE + strOff, strOff, strBytes.length, 0, 0, 1, 0));
            if (versym) {
                sh.add(sec(shstr.add(".gnu.version"), 0x6fffffffL, 2, BASE + versymOff, versymOff, 2L * nsyms,
                        dynsymIdx, 0, 2, 2));
            }
            if (!defs.isEmpty()) {
                sh.add(sec(shstr.add(".gnu.version_d"), 0x6ffffffdL, 2, BASE + verdefOff, verdefOff, verdefSize,
                        dynstrIdx, defs.size(), 8, 0));
            }
            if (!needs.isEmpty()) {
                sh.add(sec(shstr.add(".gnu.version_r"), 0x6ffffffeL, 2, BASE + verneedOff, verneedOff, verneedSize,
                        dynstrIdx, needs.size(), 8, 0));
            }
            sh.add(sec(shstr.add(".dynamic"), 6, 3, BASE + dynOff, dynOff, (long) dyn.size() * 2 * word, dynstrIdx,
                    0, 8, 2L * word));
            int shstrName = shstr.add(".shstrtab");
            shstrBytes = shstr.bytes();
            shstrOff = off;
            sh.add(sec(shstrName, 3, 0, 0, shstrOff, shstrBytes.length, 0, 0, 1, 0));
            off += shstrBytes.length;
            off = align(off, 8);
            shOff = off;
            off += (long) sh.size() * shentsize;
        }

        this.symOff = symOff;
        this.strOff = strOff;
        this.strSize = strBytes.length;
        this.versymOff = versymOff;
        this.verdefOff = verdefOff;
        this.verneedOff = verneedOff;
        this.dynOff = dynOff;
        this.dynCount = dyn.size();
        this.shOff = shOff;
        out = ByteBuffer.allocate((int) off).order(order);
        // ELF header
        out.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        out.put(4, (byte) (is64 ? 2 : 1)).put(5, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2)).put(6, (byte) 1);
        out.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        if (is64) {
            out.putLong(24, 0).putLong(32, ehsize).putLong(40, shOff).putInt(48, flags);
            out.putShort(52, (short) ehsize).putShort(54, (short) phentsize).putShort(56, (short) nph)
                    .putShort(58, (short) shentsize).putShort(60, (short) sh.size())
                    .putShort(62, (short) (sh.isEmpty() ? 0 : sh.size() - 1));
        } else {
            out.putInt(24, 0).putInt(28, ehsize).putInt(32, (int) shOff).putInt(36, flags);
            out.putShort(40, (short) ehsize).putShort(42, (short) phentsize).putShort(44, (short) nph)
                    .putShort(46, (short) shentsize).putShort(48, (short) sh.size())
                    .putShort(50, (short) (sh.isEmpty() ? 0 : sh.size() - 1));
        }
        // program headers
        long ph = ehsize;
        if (interpreter != null) {
            phdr(ph, 3, 4, interpOff, interpBytes.length, 1);
            ph += phentsize;
        }
        phdr(ph, 1, 6, 0, loadEnd, 0x1000);
        ph += phentsize;
        phdr(ph, 2, 6, dynOff, (long) dyn.size() * 2 * word, 8);

        put(interpOff, interpBytes);
        put(hashOff, hashBytes);
        put(strOff, strBytes);
        // symbols
        int defShndx = sectionHeaders ? sh.size() - 2 : 7; // .dynamic: some allocated, non-NOBITS section
        for (int i = 1; i < nsyms; i++) {
            Sym s = syms.get(i - 1);
            long p = symOff + (long) i * symentsize;
            int info = (s.bind() << 4) | s.type();
            int shndx = s.defined() ? defShndx : 0;
            out.putInt((int) p, dynstr.index(s.name()));
            if (is64) {
                out.put((int) p + 4, (byte) info).put((int) p + 5, (byte) 0).putShort((int) p + 6, (short) shndx);
                out.putLong((int) p + 8, s.defined() ? BASE + 0x100 * i : 0).putLong((int) p + 16, 8);
            } else {
                out.putInt((int) p + 4, s.defined() ? (int) BASE + 0x100 * i : 0).putInt((int) p + 8, 8);
                out.put((int) p + 12, (byte) info).put((int) p + 13, (byte) 0).putShort((int) p + 14, (short) shndx);
            }
            if (versym) {
                out.putShort((int) (versymOff + 2L * i), (short) s.versym());
            }
        }
        // verdef
        long p = verdefOff;
        for (int i = 0; i < defs.size(); i++) {
            Def d = defs.get(i);
            int size = 20 + 8 * d.names().size();
            out.putShort((int) p, (short) 1).putShort((int) p + 2, (short) d.flags())
                    .putShort((int) p + 4, (short) d.index()).putShort((int) p + 6, (short) d.names().size())
                    .putInt((int) p + 8, (int) elfHash(d.names().get(0))).putInt((int) p + 12, 20)
                    .putInt((int) p + 16, i + 1 < defs.size() ? size : 0);
            for (int j = 0; j < d.names().size(); j++) {
                long a = p + 20 + 8L * j;
                out.putInt((int) a, dynstr.index(d.names().get(j)))
                        .putInt((int) a + 4, j + 1 < d.names().size() ? 8 : 0);
            }
            p += size;
        }
        // verneed
        p = verneedOff;
        for (int i = 0; i < needs.size(); i++) {
            Need n = needs.get(i);
            int size = 16 + 16 * n.aux().size();
            out.putShort((int) p, (short) 1).putShort((int) p + 2, (short) n.aux().size())
                    .putInt((int) p + 4, dynstr.index(n.file())).putInt((int) p + 8, 16)
                    .putInt((int) p + 12, i + 1 < needs.size() ? size : 0);
            for (int j = 0; j < n.aux().size(); j++) {
                NeedAux a = n.aux().get(j);
                long q = p + 16 + 16L * j;
                out.putInt((int) q, (int) elfHash(a.name())).putShort((int) q + 4, (short) a.flags())
                        .putShort((int) q + 6, (short) a.other()).putInt((int) q + 8, dynstr.index(a.name()))
                        .putInt((int) q + 12, j + 1 < n.aux().size() ? 16 : 0);
            }
            p += size;
        }
        // dynamic
        for (int i = 0; i < dyn.size(); i++) {
            putWord(dynOff + (long) i * 2 * word, dyn.get(i)[0]);
            putWord(dynOff + (long) i * 2 * word + word, dyn.get(i)[1]);
        }
        // sections
        if (sectionHeaders) {
            put(shstrOff, shstrBytes);
            for (int i = 0; i < sh.size(); i++) {
                long[] s = sh.get(i);
                long q = shOff + (long) i * shentsize;
                out.putInt((int) q, (int) s[0]).putInt((int) q + 4, (int) s[1]);
                if (is64) {
                    out.putLong((int) q + 8, s[2]).putLong((int) q + 16, s[3]).putLong((int) q + 24, s[4])
                            .putLong((int) q + 32, s[5]).putInt((int) q + 40, (int) s[6])
                            .putInt((int) q + 44, (int) s[7]).putLong((int) q + 48, s[8])
                            .putLong((int) q + 56, s[9]);
                } else {
                    out.putInt((int) q + 8, (int) s[2]).putInt((int) q + 12, (int) s[3])
                            .putInt((int) q + 16, (int) s[4]).putInt((int) q + 20, (int) s[5])
                            .putInt((int) q + 24, (int) s[6]).putInt((int) q + 28, (int) s[7])
                            .putInt((int) q + 32, (int) s[8]).putInt((int) q + 36, (int) s[9]);
                }
            }
        }
        return out.array();
    }

    private static long[] sec(long name, long type, long flags, long addr, long offset, long size, long link,
                              long info, long align, long entsize) {
        return new long[] {name, type, flags, addr, offset, size, link, info, align, entsize};
    }

    private void phdr(long p, int ptype, int pflags, long offset, long size, long align) {
        out.putInt((int) p, ptype);
        if (is64) {
            out.putInt((int) p + 4, pflags).putLong((int) p + 8, offset).putLong((int) p + 16, BASE + offset)
                    .putLong((int) p + 24, BASE + offset).putLong((int) p + 32, size).putLong((int) p + 40, size)
                    .putLong((int) p + 48, align);
        } else {
            out.putInt((int) p + 4, (int) offset).putInt((int) p + 8, (int) (BASE + offset))
                    .putInt((int) p + 12, (int) (BASE + offset)).putInt((int) p + 16, (int) size)
                    .putInt((int) p + 20, (int) size).putInt((int) p + 24, pflags).putInt((int) p + 28, (int) align);
        }
    }

    private void putWord(long p, long v) {
        if (is64) {
            out.putLong((int) p, v);
        } else {
            out.putInt((int) p, (int) v);
        }
    }

    private void put(long off, byte[] data) {
        out.put((int) off, data);
    }

    private byte[] hashTable(int nsyms, int word) {
        ByteBuffer b;
        if (hash == Hash.SYSV) {
            b = ByteBuffer.allocate(4 * (2 + 1 + nsyms)).order(order);
            b.putInt(1).putInt(nsyms).putInt(nsyms - 1);
            for (int i = 0; i < nsyms; i++) {
                b.putInt(i == 0 ? 0 : i - 1);
            }
            return b.array();
        } else if (hash == Hash.GNU) {
            // undefined symbols are not hashed: symoffset = first index from which all symbols are defined
            int symoffset = nsyms;
            while (symoffset > 1 && syms.get(symoffset - 2).defined()) {
                symoffset--;
            }
            int hashed = nsyms - symoffset;
            b = ByteBuffer.allocate(16 + word + 4 + 4 * hashed).order(order);
            b.putInt(1).putInt(symoffset).putInt(1).putInt(6);
            if (word == 8) {
                b.putLong(-1L);
            } else {
                b.putInt(-1);
            }
            b.putInt(hashed > 0 ? symoffset : 0);
            for (int i = symoffset; i < nsyms; i++) {
                int h = gnuHash(syms.get(i - 1).name()) & ~1;
                b.putInt(i == nsyms - 1 ? h | 1 : h);
            }
            return b.array();
        }
        return new byte[0];
    }

    private static long align(long v, int a) {
        return (v + a - 1) / a * a;
    }

    static int gnuHash(String s) {
        int h = 5381;
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            h = h * 33 + (c & 0xff);
        }
        return h;
    }

    static long elfHash(String s) {
        long h = 0;
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (c & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h;
    }

    /** A string table starting with an empty string; equal strings share one entry. */
    static final class StringTable {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<String, Integer> index = new HashMap<>();

        StringTable() {
            bytes.write(0);
            index.put("", 0);
        }

        int add(String s) {
            return index.computeIfAbsent(s, k -> {
                int at = bytes.size();
                bytes.writeBytes(k.getBytes(StandardCharsets.UTF_8));
                bytes.write(0);
                return at;
            });
        }

        int index(String s) {
            return index.get(s);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
