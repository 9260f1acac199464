package org.distrocompat.core.check;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: writes a small, valid little-endian ELF64 shared object with the dynamic facts a check reads —
 * DT_NEEDED, DT_SONAME, DT_RPATH/DT_RUNPATH, PT_INTERP, .gnu.version_r requirements, .gnu.version_d
 * definitions and undefined unversioned symbols — in one PT_LOAD segment (address = offset + BASE), without
 * section headers. Written for these tests (the crawler's test writer is not on this module's classpath).
 */
public final class TestElf {
    private static final long BASE = 0x10000;
    private int machine = 62;
    private String soname;
    private String interpreter;
    private String runpath;
    private String rpath;
    private final List<String> needed = new ArrayList<>();
    private final Map<String, List<String>> requirements = new LinkedHashMap<>();
    private final List<String> definitions = new ArrayList<>();
    private final List<String> unversioned = new ArrayList<>();

    public static TestElf x86_64() {
        return new TestElf();
    }

    public static TestElf aarch64() {
        TestElf e = new TestElf();
        e.machine = 183;
        return e;
    }

    public TestElf soname(String s) {
        soname = s;
        return this;
    }

    public TestElf interpreter(String s) {
        interpreter = s;
        return this;
    }

    public TestElf runpath(String s) {
        runpath = s;
        return this;
    }

    public TestElf rpath(String s) {
        rpath = s;
        return this;
    }

    /** DT_NEEDED {@code lib}, requiring the given version names from it. */
    public TestElf needs(String lib, String... versions) {
        needed.add(lib);
        if (versions.length > 0) {
            requirements.computeIfAbsent(lib, k -> new ArrayList<>()).addAll(List.of(versions));
        }
        return this;
    }

    public TestElf defines(String... versions) {
        definitions.addAll(List.of(versions));
        return this;
    }

    public TestElf undefined(String... symbols) {
        unversioned.addAll(List.of(symbols));
        return this;
    }

    private static final class Strtab {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Map<String, Integer> offsets = new LinkedHashMap<>();

        Strtab() {
            out.write(0);
        }

        int add(String s) {
            return offsets.computeIfAbsent(s, k -> {
                int off = out.size();
                out.writeBytes(k.getBytes(StandardCharsets.UTF_8));
                out.write(0);
                return off;
            });
        }
    }

    private static long elfHash(String name) {
        long h = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (b & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }

    public byte[] bytes() {
        Strtab str = new Strtab();
        List<Integer> neededOff = needed.stream().map(str::add).toList();
        Integer sonameOff = soname == null ? null : str.add(soname);
        Integer runpathOff = runpath == null ? null : str.add(runpath);
        Integer rpathOff = rpath == null ? null : str.add(rpath);
        // symbols: index 0 null; one undefined symbol per required version; the unversioned ones
        record Sym(int name, int versym) {
        }
        List<Sym> syms = new ArrayList<>();
        syms.add(new Sym(0, 0));
        int nextIndex = definitions.isEmpty() ? 2 : definitions.size() + 2;
        Map<String, Map<String, Integer>> reqIndex = new LinkedHashMap<>();
        for (var e : requirements.entrySet()) {
            str.add(e.getKey());
            Map<String, Integer> idx = new LinkedHashMap<>();
            for (String v : e.getValue()) {
                str.add(v);
                idx.put(v, nextIndex);
                syms.add(new Sym(str.add("use_" + v.replace('.', '_')), nextIndex));
                nextIndex++;
            }
            reqIndex.put(e.getKey(), idx);
        }
        for (String u : unversioned) {
            syms.add(new Sym(str.add(u), 1));
        }
        String base = soname == null ? "base" : soname;
        str.add(base);
        definitions.forEach(str::add);
        byte[] strtab = str.out.toByteArray();

        int phnum = interpreter == null ? 2 : 3;
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        long off = 64 + 56L * phnum;
        long interpOff = 0;
        byte[] interp = interpreter == null ? new byte[0] : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        if (interpreter != null) {
            interpOff = off;
            b.position((int) off).put(interp);
            off = align(off + interp.length);
        }
        long strOff = off;
        b.position((int) strOff).put(strtab);
        off = align(strOff + strtab.length);
        long symOff = off;
        b.position((int) symOff);
        for (Sym s : syms) {
            b.putInt(s.name()).put((byte) (s.name() == 0 ? 0 : 0x12)).put((byte) 0).putShort((short) 0)
                    .putLong(0).putLong(0);
        }
        off = align(b.position());
        long hashOff = off;
        b.position((int) hashOff).putInt(1).putInt(syms.size()).putInt(0);
        for (int i = 0; i < syms.size(); i++) {
            b.putInt(0);
        }
        off = align(b.position());
        long versymOff = off;
        b.position((int) versymOff);
        for (Sym s : syms) {
            b.putShort((short) s.versym());
        }
        off = align(b.position());
        long verneedOff = 0;
        if (!reqIndex.isEmpty()) {
            verneedOff = off;
            b.position((int) off);
            int n = 0;
            for (var e : reqIndex.entrySet()) {
                n++;
                int start = b.position();
                int cnt = e.getValue().size();
                boolean last = n == reqIndex.size();
                b.putShort((short) 1).putShort((short) cnt).putInt(str.offsets.get(e.getKey())).putInt(16)
                        .putInt(last ? 0 : 16 + 16 * cnt);
                int a = 0;
                for (var v : e.getValue().entrySet()) {
                    a++;
                    b.putInt((int) elfHash(v.getKey())).putShort((short) 0).putShort((short) (int) v.getValue())
                            .putInt(str.offsets.get(v.getKey())).putInt(a == cnt ? 0 : 16);
                }
                assert b.position() == start + 16 + 16 * cnt;
            }
            off = align(b.position());
        }
        long verdefOff = 0;
        if (!definitions.isEmpty()) {
            verdefOff = off;
            b.position((int) off);
            List<String> all = new ArrayList<>();
            all.add(base);
            all.addAll(definitions);
            for (int i = 0; i < all.size(); i++) {
                boolean last = i == all.size() - 1;
                b.putShort((short) 1).putShort((short) (i == 0 ? 1 : 0)).putShort((short) (i + 1)).putShort((short) 1)
                        .putInt((int) elfHash(all.get(i))).putInt(20).putInt(last ? 0 : 28);
                b.putInt(str.offsets.get(all.get(i))).putInt(0);
            }
            off = align(b.position());
        }
        long dynOff = off;
        b.position((int) dynOff);
        for (int o : neededOff) {
            dyn(b, 1, o);
        }
        if (sonameOff != null) {
            dyn(b, 14, sonameOff);
        }
        if (rpathOff != null) {
            dyn(b, 15, rpathOff);
        }
        if (runpathOff != null) {
            dyn(b, 29, runpathOff);
        }
        dyn(b, 5, BASE + strOff);
        dyn(b, 10, strtab.length);
        dyn(b, 6, BASE + symOff);
        dyn(b, 11, 24);
        dyn(b, 4, BASE + hashOff);
        dyn(b, 0x6ffffff0L, BASE + versymOff);
        if (verneedOff != 0) {
            dyn(b, 0x6ffffffeL, BASE + verneedOff);
            dyn(b, 0x6fffffffL, reqIndex.size());
        }
        if (verdefOff != 0) {
            dyn(b, 0x6ffffffcL, BASE + verdefOff);
            dyn(b, 0x6ffffffdL, definitions.size() + 1);
        }
        dyn(b, 0, 0);
        long dynSize = b.position() - dynOff;
        long end = b.position();

        b.position(0);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 3).putShort((short) machine).putInt(1).putLong(0).putLong(64).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) phnum).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        phdr(b, 1, 5, 0, end, end);
        phdr(b, 2, 6, dynOff, dynSize, dynSize);
        if (interpreter != null) {
            phdr(b, 3, 4, interpOff, interp.length, interp.length);
        }
        byte[] out = new byte[(int) end];
        b.position(0);
        b.get(out);
        return out;
    }

    private static long align(long v) {
        return (v + 7) & ~7L;
    }

    private static void dyn(ByteBuffer b, long tag, long val) {
        b.putLong(tag).putLong(val);
    }

    private static void phdr(ByteBuffer b, int type, int flags, long off, long filesz, long memsz) {
        b.putInt(type).putInt(flags).putLong(off).putLong(BASE + off).putLong(BASE + off).putLong(filesz)
                .putLong(memsz).putLong(8);
    }
}
