package org.distrocompat.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing: real and synthetic ELF files with bytes flipped, fields overwritten with extreme values
 * and the file truncated, concentrated on the headers, the dynamic segment and the version tables. Every
 * case must either read or fail with an {@link ElfFormatException} (never an "internal error", another
 * exception, an error or a hang).
 */
class ElfReaderFuzzTest {

    // -Delf.fuzz.seed=... -Delf.fuzz.cases=... for longer runs
    private static final long SEED = Long.getLong("elf.fuzz.seed", 0x5eed_e1f_2026L);
    private static final int CASES = Integer.getInteger("elf.fuzz.cases", 250_000);

    /** A file to mutate with the byte ranges worth mutating. */
    record Seed(String name, byte[] data, List<long[]> hot, int weight) {
    }

    @Test
    void mutatedFilesFailCleanly() {
        List<Seed> seeds = seeds();
        int totalWeight = seeds.stream().mapToInt(Seed::weight).sum();
        long[] stats = new long[4]; // cases, ok, format errors, slowest case (ns)
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random rnd = new Random(SEED);
            for (int c = 0; c < CASES; c++) {
                int pick = rnd.nextInt(totalWeight);
                Seed seed = null;
                for (Seed s : seeds) {
                    pick -= s.weight();
                    if (pick < 0) {
                        seed = s;
                        break;
                    }
                }
                runCase(seed, rnd, c, stats);
            }
        }, "fuzz loop hung");
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[elf fuzz] %d cases in %d ms over %d seeds: %d read, %d ElfFormatException, slowest case %.2f ms%n",
                stats[0], ms, seeds.size(), stats[1], stats[2], stats[3] / 1e6);
        assertThat(stats[0]).isGreaterThanOrEqualTo(100_000);
        assertThat(stats[2]).isGreaterThan(stats[0] / 10);
    }

    private static void runCase(Seed seed, Random rnd, int caseNo, long[] stats) {
        byte[] d = seed.data();
        int n = 1 + rnd.nextInt(4);
        int[] at = new int[n * 8];
        byte[] old = new byte[n * 8];
        int changed = 0;
        int len = d.length;
        for (int i = 0; i < n; i++) {
            int op = rnd.nextInt(100);
            if (op < 10) { // truncate, mostly inside a hot range
                long[] r = seed.hot().get(rnd.nextInt(seed.hot().size()));
                len = Math.min(len, (int) Math.min(d.length, r[0] + rnd.nextInt((int) Math.max(1, r[1] - r[0]))));
                continue;
            }
            int off = rnd.nextInt(100) < 90 ? hotOffset(seed, rnd) : rnd.nextInt(d.length);
            if (op < 40) { // bit flips
                at[changed] = off;
                old[changed++] = d[off];
                d[off] ^= (byte) (1 << rnd.nextInt(8));
            } else if (op < 55) { // random byte
                at[changed] = off;
                old[changed++] = d[off];
                d[off] = (byte) rnd.nextInt(256);
            } else { // an aligned field with an extreme value
                int width = new int[] {2, 4, 4, 8}[rnd.nextInt(4)];
                off = off / width * width;
                if (off + width > d.length) {
                    continue;
                }
                long v = extreme(rnd, d.length);
                ByteBuffer b = ByteBuffer.wrap(d).order(d[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < width; k++) {
                    at[changed] = off + k;
                    old[changed++] = d[off + k];
                }
                switch (width) {
                    case 2 -> b.putShort(off, (short) v);
                    case 4 -> b.putInt(off, (int) v);
                    default -> b.putLong(off, v);
                }
            }
        }
        long t0 = System.nanoTime();
        try {
            ElfReader.read(ByteBuffer.wrap(d, 0, len).slice());
            stats[1]++;
        } catch (ElfFormatException e) {
            if (e.getMessage() == null || e.getMessage().startsWith("internal")) {
                throw new AssertionError("case " + caseNo + " on " + seed.name() + ": " + e.getMessage(), e);
            }
            stats[2]++;
        } catch (Throwable t) {
            throw new AssertionError("case " + caseNo + " on " + seed.name() + " escaped: " + t, t);
        } finally {
            stats[3] = Math.max(stats[3], System.nanoTime() - t0);
            for (int i = changed - 1; i >= 0; i--) {
                d[at[i]] = old[i];
            }
        }
        stats[0]++;
    }

    private static int hotOffset(Seed seed, Random rnd) {
        long[] r = seed.hot().get(rnd.nextInt(seed.hot().size()));
        long span = Math.max(1, r[1] - r[0]);
        return (int) Math.min(seed.data().length - 1, r[0] + (long) (rnd.nextDouble() * span));
    }

    private static long extreme(Random rnd, int size) {
        return switch (rnd.nextInt(12)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> 1;
            case 3 -> Integer.MAX_VALUE;
            case 4 -> 0x80000000L;
            case 5 -> Long.MAX_VALUE;
            case 6 -> Long.MIN_VALUE;
            case 7 -> size;
            case 8 -> size - 1 - rnd.nextInt(64);
            case 9 -> 0xffff;
            case 10 -> rnd.nextInt(64);
            default -> rnd.nextLong();
        };
    }

    // ---- seeds ---------------------------------------------------------------------------------------------

    static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        int[][] archs = {{64, 0, 62, 0}, {32, 0, 3, 0}, {64, 1, 22, 0}, {64, 1, 21, 1}, {32, 0, 40, 0x05000400},
                {32, 1, 20, 0}};
        for (int[] a : archs) {
            for (TestElfWriter.Hash h : TestElfWriter.Hash.values()) {
                for (boolean sections : List.of(true, false)) {
                    TestElfWriter w = TestElfWriter.typicalLibrary().arch(a[0],
                            a[1] == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, a[2], a[3]);
                    w.hash = h;
                    w.sectionHeaders = sections;
                    w.interpreter = "/lib/ld-linux.so.2";
                    byte[] data = w.build();
                    seeds.add(new Seed("synthetic " + a[2] + "/" + a[0] + "/" + h + "/" + sections, data,
                            hotRanges(data), 20));
                }
            }
        }
        for (String p : List.of("/usr/lib/x86_64-linux-gnu/libgcc_s.so.1", "/usr/bin/true",
                "/usr/lib/x86_64-linux-gnu/libdl.so.2", "/usr/lib/x86_64-linux-gnu/libz.so.1")) {
            addReal(seeds, Path.of(p), 40);
        }
        addReal(seeds, ElfReaderTest.LIBC, 1);
        return seeds;
    }

    private static void addReal(List<Seed> seeds, Path p, int weight) {
        try {
            if (!Files.isRegularFile(p) || Files.size(p) > 4 << 20) {
                return;
            }
            byte[] data = Files.readAllBytes(p);
            ElfReader.read(ByteBuffer.wrap(data)); // must be readable unmutated
            seeds.add(new Seed(p.toString(), data, hotRanges(data), weight));
            byte[] stripped = data.clone();
            if (ElfReaderTest.stripSectionHeaders(stripped)) {
                seeds.add(new Seed(p + " (no sections)", stripped, hotRanges(data), weight));
            }
        } catch (java.io.IOException e) {
            // not available here: fewer seeds
        }
    }

    /** Header, program headers, dynamic segment, section headers and the first bytes of the dynamic tables. */
    static List<long[]> hotRanges(byte[] d) {
        List<long[]> hot = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(d).order(d[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean is64 = d[4] == 2;
        hot.add(new long[] {0, is64 ? 64 : 52});
        long phoff = is64 ? b.getLong(32) : b.getInt(28) & 0xffffffffL;
        int phent = b.getShort(is64 ? 54 : 42) & 0xffff;
        int phnum = b.getShort(is64 ? 56 : 44) & 0xffff;
        hot.add(new long[] {phoff, phoff + (long) phent * phnum});
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phent);
            if (b.getInt(p) == 2) {
                long off = is64 ? b.getLong(p + 8) : b.getInt(p + 4) & 0xffffffffL;
                long sz = is64 ? b.getLong(p + 32) : b.getInt(p + 16) & 0xffffffffL;
                hot.add(new long[] {off, off + sz});
            }
        }
        long shoff = is64 ? b.getLong(40) : b.getInt(32) & 0xffffffffL;
        int shent = b.getShort(is64 ? 58 : 46) & 0xffff;
        int shnum = b.getShort(is64 ? 60 : 48) & 0xffff;
        if (shoff > 0) {
            hot.add(new long[] {shoff, shoff + (long) shent * shnum});
            for (int i = 0; i < shnum; i++) {
                int s = (int) (shoff + (long) i * shent);
                int type = b.getInt(s + 4);
                if (type == 11 || type == 5 || type == 0x6ffffff6 || type >= 0x6ffffffd) {
                    long off = is64 ? b.getLong(s + 24) : b.getInt(s + 16) & 0xffffffffL;
                    long sz = is64 ? b.getLong(s + 32) : b.getInt(s + 20) & 0xffffffffL;
                    hot.add(new long[] {off, Math.min(d.length, off + Math.min(sz, 1024))});
                }
            }
        }
        hot.removeIf(r -> r[0] >= d.length || r[1] <= r[0]);
        for (long[] r : hot) {
            r[1] = Math.min(r[1], d.length);
        }
        return hot;
    }
}
