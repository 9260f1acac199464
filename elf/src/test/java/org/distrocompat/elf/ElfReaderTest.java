package org.distrocompat.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfReaderTest {

    static final Path LIBC = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
    static final Path LIBSTDCXX = Path.of("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");

    @Test
    void isElfChecksMagicWithoutConsuming() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0x7f, 'E', 'L', 'F', 2, 1});
        assertThat(ElfReader.isElf(b)).isTrue();
        assertThat(b.position()).isZero();
        assertThat(ElfReader.isElf(ByteBuffer.wrap(new byte[] {0x7f, 'E', 'L'}))).isFalse();
        assertThat(ElfReader.isElf(ByteBuffer.wrap("!<arch>\n".getBytes(StandardCharsets.US_ASCII)))).isFalse();
        assertThat(ElfReader.isElf(null)).isFalse();
    }

    @Test
    void notElfIsAFormatError(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> ElfReader.read(ByteBuffer.wrap("#!/bin/sh\necho hi\n".getBytes())))
                .isInstanceOf(ElfFormatException.class).hasMessage("not an ELF file (bad magic)");
        Path empty = Files.createFile(tmp.resolve("empty"));
        assertThatThrownBy(() -> ElfReader.read(empty)).isInstanceOf(ElfFormatException.class)
                .hasMessage("not an ELF file (only 0 bytes)");
        byte[] elf = TestElfWriter.typicalLibrary().build();
        elf[4] = 3;
        assertThatThrownBy(() -> ElfReader.read(ByteBuffer.wrap(elf))).hasMessage("unsupported ELF class 3 (EI_CLASS)");
    }

    @Test
    void readsTheBufferWithoutChangingIt() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(TestElfWriter.typicalLibrary().build()).order(ByteOrder.BIG_ENDIAN);
        b.position(7);
        ElfFile f = ElfReader.read(b);
        assertThat(f.soname()).isEqualTo("libdemo.so.1");
        assertThat(b.position()).isEqualTo(7);
        assertThat(b.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void systemLibc() throws Exception {
        Assumptions.assumeTrue(Files.exists(LIBC), LIBC + " absent");
        ElfFile f = ElfReader.read(LIBC);
        assertThat(f.arch()).isEqualTo("x86_64");
        assertThat(f.elfClass()).isEqualTo(64);
        assertThat(f.soname()).isEqualTo("libc.so.6");
        assertThat(f.baseDefinitionName()).isEqualTo("libc.so.6");
        assertThat(f.definitionNames().get(0)).isEqualTo("libc.so.6");
        assertThat(f.definedVersionNames()).contains("GLIBC_2.2.5", "GLIBC_2.17", "GLIBC_PRIVATE")
                .doesNotContain("libc.so.6");
        assertThat(f.requiredVersions()).containsKey("ld-linux-x86-64.so.2");
        assertThat(f.isMusl()).isFalse();
        assertThat(f.symbols()).filteredOn(s -> s.name().equals("memcpy"))
                .extracting(s -> s.version() + (s.hidden() ? " hidden" : ""))
                .contains("GLIBC_2.14", "GLIBC_2.2.5 hidden");
    }

    @Test
    void systemLibstdcxx() throws Exception {
        Assumptions.assumeTrue(Files.exists(LIBSTDCXX), LIBSTDCXX + " absent");
        ElfFile f = ElfReader.read(LIBSTDCXX);
        assertThat(f.definedVersionNames()).contains("GLIBCXX_3.4", "CXXABI_1.3", "CXXABI_TM_1");
        assertThat(f.needed()).contains("libc.so.6", "libm.so.6");
        assertThat(f.exportedSymbols()).hasSizeGreaterThan(1000);
    }

    /** The dynamic-segment path: real files with section headers removed read exactly the same. */
    @Test
    void sectionStrippedRealFilesReadTheSame() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path p : TestFiles.elfFilesUnder(TestFiles.systemLibraryRoots())) {
            if (Files.size(p) <= 8 << 20) {
                files.add(p);
            }
        }
        Assumptions.assumeTrue(!files.isEmpty(), "no ELF files under /lib, /usr/lib");
        int compared = 0;
        int versioned = 0;
        for (Path p : files) {
            byte[] data = Files.readAllBytes(p);
            ElfFile original = ElfReader.read(ByteBuffer.wrap(data));
            if (!stripSectionHeaders(data)) {
                continue;
            }
            ElfFile stripped = ElfReader.read(ByteBuffer.wrap(data));
            if (!hasNoteSegment(data)) {
                // notes outside any PT_NOTE segment are known from the section headers only
                assertThat(stripped.notes()).as(p.toString()).isEmpty();
                original = withoutNotes(original);
            }
            assertThat(stripped).as(p.toString()).isEqualTo(original);
            compared++;
            if (!original.definitions().isEmpty() || !original.requirements().isEmpty()) {
                versioned++;
            }
        }
        System.out.println("[elf] section-stripped comparison: " + compared + " files, " + versioned
                + " with version tables");
        assertThat(versioned).isGreaterThan(0);
    }

    /** Zeroes e_shoff, e_shnum and e_shstrndx; false when the file has no program headers to fall back on. */
    static boolean hasNoteSegment(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(data[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean is64 = data[4] == 2;
        long phoff = is64 ? b.getLong(32) : b.getInt(28) & 0xffffffffL;
        int entsize = b.getShort(is64 ? 54 : 42) & 0xffff;
        int phnum = b.getShort(is64 ? 56 : 44) & 0xffff;
        for (int i = 0; i < phnum; i++) {
            if (b.getInt((int) (phoff + (long) i * entsize)) == 4) { // PT_NOTE
                return true;
            }
        }
        return false;
    }

    static ElfFile withoutNotes(ElfFile f) {
        return new ElfFile(f.elfClass(), f.byteOrder(), f.machine(), f.flags(), f.type(), f.arch(), f.interpreter(),
                f.soname(), f.needed(), f.rpath(), f.runpath(), f.definitions(), f.requirements(), f.symbols(), f.osAbi(),
                List.of());
    }

    static boolean stripSectionHeaders(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(data[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean is64 = data[4] == 2;
        int phnum = b.getShort(is64 ? 56 : 44) & 0xffff;
        if (phnum == 0) {
            return false;
        }
        if (is64) {
            b.putLong(40, 0).putShort(60, (short) 0).putShort(62, (short) 0);
        } else {
            b.putInt(32, 0).putShort(48, (short) 0).putShort(50, (short) 0);
        }
        return true;
    }

    // ---- hostile input: each problem is named ------------------------------------------------------------

    private static void assertProblem(boolean sections, Consumer<Damage> damage, String... messageParts) {
        TestElfWriter w = TestElfWriter.typicalLibrary();
        w.sectionHeaders = sections;
        byte[] data = w.build();
        damage.accept(new Damage(w, ByteBuffer.wrap(data).order(w.order)));
        assertThatThrownBy(() -> ElfReader.read(ByteBuffer.wrap(data)))
                .isInstanceOf(ElfFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts).doesNotStartWith("internal"));
    }

    record Damage(TestElfWriter w, ByteBuffer b) {
        void dyn(long tag, long value) {
            for (int i = 0; i < w.dynCount; i++) {
                if (b.getLong((int) (w.dynOff + 16L * i)) == tag) {
                    b.putLong((int) (w.dynOff + 16L * i + 8), value);
                    return;
                }
            }
            throw new AssertionError("no dynamic tag " + tag);
        }
    }

    @Test
    void truncatedFilesNameWhatRunsPastTheEnd() throws Exception {
        byte[] full = TestElfWriter.typicalLibrary().build();
        int truncatedMessages = 0;
        for (int len = 0; len < full.length; len++) {
            ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(full, len));
            try {
                ElfReader.read(b);
            } catch (ElfFormatException e) {
                assertThat(e.getMessage()).doesNotStartWith("internal");
                if (e.getMessage().startsWith("truncated: ")) {
                    assertThat(e.getMessage()).endsWith("runs past end of file (size " + len + ")");
                    truncatedMessages++;
                }
            }
        }
        assertThat(truncatedMessages).isGreaterThan(full.length / 2);
        TestElfWriter w = TestElfWriter.typicalLibrary();
        w.sectionHeaders = false;
        byte[] data = w.build();
        ByteBuffer cut = ByteBuffer.wrap(data, 0, (int) w.verdefOff + 30).slice();
        assertThatThrownBy(() -> ElfReader.read(cut)).hasMessageStartingWith("truncated: ");
    }

    @Test
    void verdefLoopIsDetected() {
        for (boolean sections : List.of(true, false)) {
            assertProblem(sections, d -> d.b().putInt((int) d.w().verdefOff + 16, 0),
                    ".gnu.version_d entry at 0x", "vd_next 0 before the last of 4 entries (loop)");
        }
    }

    @Test
    void verdefAuxLoopIsDetected() {
        // the third definition has two names; its first aux entry's vda_next becomes 0
        assertProblem(false, d -> {
            long third = d.w().verdefOff + 28 + 28;
            d.b().putInt((int) third + 20 + 4, 0);
        }, "vda_next 0 before its last entry (loop)");
    }

    @Test
    void verneedLoopsAreDetected() {
        assertProblem(false, d -> d.b().putInt((int) d.w().verneedOff + 12, 0), "vn_next 0 before the last");
        assertProblem(false, d -> d.b().putInt((int) d.w().verneedOff + 16 + 12, 0), "vna_next 0 before its last");
    }

    @Test
    void absurdCountsAreRejected() {
        assertProblem(false, d -> d.dyn(0x6ffffffdL, 0x7fffffffL), "absurd .gnu.version_d entry count 2147483647");
        assertProblem(false, d -> d.dyn(0x6fffffffL, 0xffffffffL), "absurd .gnu.version_r entry count 4294967295");
        // DT_HASH nchain
        assertProblem(false, d -> {
            long hash = d.w().symOff - 4L * (3 + 11);
            d.b().putInt((int) hash + 4, 0x10000000);
        }, "absurd dynamic symbol count 268435456");
    }

    @Test
    void badStringOffsetsAreNamed() {
        assertProblem(false, d -> d.b().putInt((int) d.w().verdefOff + 20, 0xfffff),
                "bad string offset 0xfffff for .gnu.version_d name");
        assertProblem(true, d -> d.b().putInt((int) d.w().verneedOff + 4, d.w().strSize),
                "bad string offset", ".gnu.version_r file name");
        assertProblem(false, d -> d.b().putInt((int) d.w().symOff + 24, -1), "bad string offset 0xffffffff for symbol 1");
    }

    @Test
    void unterminatedStringsAreNamed() {
        // the last string of .dynstr loses its terminator (and with it every string in the table ends at the end)
        assertProblem(false, d -> d.b().put((int) (d.w().strOff + d.w().strSize - 1), (byte) 'x'),
                "unterminated string at 0x");
    }

    @Test
    void overlappingTablesAreNamed() {
        assertProblem(false, d -> d.dyn(0x6ffffff0L, TestElfWriter.BASE + d.w().symOff + 8),
                "overlapping tables", ".gnu.version", ".dynsym");
    }

    @Test
    void addressesOutsideLoadSegmentsAreNamed() {
        assertProblem(false, d -> d.dyn(0x6ffffffcL, 0x10), "DT_VERDEF address 0x10 is not inside any PT_LOAD segment");
        assertProblem(false, d -> d.dyn(5, -1L), "DT_STRTAB address 0xffffffffffffffff is not inside any PT_LOAD");
    }

    @Test
    void hugeHeaderFieldsAreNamed() {
        assertProblem(false, d -> d.b().putLong(32, Long.MAX_VALUE), "truncated: program header table");
        assertProblem(true, d -> d.b().putLong(40, 1L << 40), "truncated: section header table");
        assertProblem(true, d -> d.b().putShort(58, (short) 3), "bad e_shentsize 3");
        assertProblem(false, d -> d.b().putShort(54, (short) 1), "bad e_phentsize 1");
    }
}
