package org.distrocompat.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OS ABI byte, the notes and the x86 ISA level property, compared with {@code readelf -h -l -S -n -W} on the
 * system's ELF files (readelf lists the note sections, the reader the PT_NOTE segments: notes of sections outside them,
 * such as SystemTap's probes, are left out of the comparison); the machine names of architectures that have no wheel
 * tag.
 */
class ElfNotesTest {
    private static final Pattern FILE = Pattern.compile("^File: (.*)$");
    private static final Pattern OSABI = Pattern.compile("^\\s+OS/ABI:\\s+(.*)$");
    private static final Pattern NOTE = Pattern.compile("^\\s+(\\S+)\\s+0x([0-9a-f]{8})\\t.*$");
    /** A note section's header line: name, then address, offset, size, entry size, [flags,] link, info, align. */
    private static final Pattern SECTION = Pattern.compile("^\\s+\\[\\s*\\d+\\] (\\S+)\\s+NOTE\\s+(.*)$");
    /** A PT_NOTE program header: type, offset, virtual address, physical address, file size, ... */
    private static final Pattern SEGMENT = Pattern.compile("^\\s+NOTE\\s+0x([0-9a-f]+) 0x[0-9a-f]+ 0x[0-9a-f]+ 0x([0-9a-f]+) .*$");
    private static final Pattern NOTES_IN = Pattern.compile("^Displaying notes found in: (\\S+)$");
    private static final Pattern ISA = Pattern.compile("x86 ISA needed: ([^;\\t]*)");
    private static final Map<String, Integer> OSABIS = Map.of("UNIX - System V", 0, "UNIX - GNU", 3,
            "UNIX - Solaris", 6, "UNIX - FreeBSD", 9);
    private static final Map<String, Integer> ISA_BITS = Map.of("x86-64-baseline", 1, "x86-64-v2", 2, "x86-64-v3", 4,
            "x86-64-v4", 8);

    /** What readelf says of one file. */
    private static final class Seen {
        int osAbi = -1;
        final List<long[]> segments = new ArrayList<>();
        final Map<String, Long> sectionOffsets = new HashMap<>();
        boolean inLoaded = true;
        final List<String> notes = new ArrayList<>();
        long isa = -1;
    }

    @Test
    void osAbiNotesAndIsaLevelMatchReadelf() throws Exception {
        Assumptions.assumeTrue(Readelf.available(), "/usr/bin/readelf absent: notes test skipped");
        List<Path> all = TestFiles.elfFilesUnder(TestFiles.systemLibraryRoots());
        Assumptions.assumeTrue(!all.isEmpty(), "no ELF files under /lib, /usr/lib: notes test skipped");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < all.size(); i += Math.max(1, all.size() / 300)) {
            files.add(all.get(i));
        }
        int compared = 0;
        int withIsa = 0;
        int withNotes = 0;
        for (int from = 0; from < files.size(); from += 50) {
            List<Path> batch = files.subList(from, Math.min(files.size(), from + 50));
            Map<Path, Seen> ref = readelf(batch);
            for (Path p : batch) {
                Seen s = ref.get(p);
                if (s == null) {
                    continue; // readelf warned about it: not a reference
                }
                ElfFile f = ElfReader.read(p);
                if (OSABIS.containsValue(s.osAbi)) {
                    assertThat(f.osAbi()).as(p.toString()).isEqualTo(s.osAbi);
                }
                assertThat(f.notes().stream().map(n -> n.owner() + " " + n.desc().length).toList()).as(p.toString())
                        .isEqualTo(s.notes);
                assertThat(f.x86IsaNeeded()).as(p.toString()).isEqualTo(s.isa);
                compared++;
                withIsa += s.isa >= 0 ? 1 : 0;
                withNotes += s.notes.isEmpty() ? 0 : 1;
            }
        }
        System.out.println("[elf notes] " + compared + " files compared, " + withNotes + " with notes, " + withIsa
                + " with an x86 ISA level");
        assertThat(compared).isGreaterThan(0);
        assertThat(withNotes).isGreaterThan(0);
    }

    private static Map<Path, Seen> readelf(List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Readelf.READELF.toString(), "-h", "-l", "-S", "-n", "-W"));
        files.forEach(p -> cmd.add(p.toString()));
        Path out = Files.createTempFile("readelf", ".out");
        Path err = Files.createTempFile("readelf", ".err");
        try {
            Process proc = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Map<Path, Seen> seen = new HashMap<>();
            Seen current = files.size() == 1 ? new Seen() : null;
            if (current != null) {
                seen.put(files.get(0), current);
            }
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                Matcher m;
                if ((m = FILE.matcher(line)).matches()) {
                    current = new Seen();
                    seen.put(Path.of(m.group(1)), current);
                } else if (current == null) {
                    continue;
                } else if ((m = OSABI.matcher(line)).matches()) {
                    current.osAbi = OSABIS.getOrDefault(m.group(1).trim(), -2);
                } else if ((m = SEGMENT.matcher(line)).matches()) {
                    current.segments.add(new long[] {Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16)});
                } else if ((m = SECTION.matcher(line)).matches()) {
                    current.sectionOffsets.put(m.group(1), Long.parseLong(m.group(2).trim().split("\\s+")[1], 16));
                } else if ((m = NOTES_IN.matcher(line)).matches()) {
                    // readelf lists note sections; the reader reads the PT_NOTE segments (all note sections only when
                    // there is none): a section outside them (SystemTap's probes, gold's version) is left out
                    long at = current.sectionOffsets.getOrDefault(m.group(1), -1L);
                    final Seen s = current;
                    current.inLoaded = s.segments.isEmpty()
                            || s.segments.stream().anyMatch(seg -> at >= seg[0] && at < seg[0] + seg[1]);
                } else if ((m = NOTE.matcher(line)).matches() && !m.group(1).equals("Owner") && current.inLoaded) {
                    current.notes.add(m.group(1) + " " + Integer.parseInt(m.group(2), 16));
                }
                if (current != null && current.inLoaded && (m = ISA.matcher(line)).find()) {
                    long bits = 0;
                    for (String level : m.group(1).split(",\\s*")) {
                        bits |= ISA_BITS.getOrDefault(level.trim(), 0);
                    }
                    current.isa = bits;
                }
            }
            if (Files.size(err) > 0) {
                // warnings name files; leave those out of the comparison
                for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
                    files.stream().filter(p -> line.contains(p.toString())).forEach(seen::remove);
                }
            }
            return seen;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Stream<Arguments> machines() {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        return Stream.of(
                Arguments.of("x86_64", 64, le, 62, 0),
                Arguments.of("armv7l", 32, le, 40, 0x05000400),
                Arguments.of("armv5l", 32, le, 40, 0x05000200),   // Debian armel: soft-float EABI5
                Arguments.of("arm", 32, le, 40, 0x04000400),      // an older EABI
                Arguments.of("mips64", 64, le, 8, 0),             // Debian mips64el
                Arguments.of("mips", 32, be, 8, 0),
                Arguments.of("ppc", 32, be, 20, 0),
                Arguments.of("s390", 32, be, 22, 0),
                Arguments.of("x32", 32, le, 62, 0),
                Arguments.of("sparc64", 64, be, 43, 0),
                Arguments.of("riscv32", 32, le, 243, 0),
                Arguments.of("e_machine 9999", 64, le, 9999, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void architecturesWithoutAWheelTagHaveTheirUnameName(String name, int cls, ByteOrder order, int em, int flags)
            throws Exception {
        ElfFile f = ElfReader.read(ByteBuffer.wrap(TestElfWriter.typicalLibrary().arch(cls, order, em, flags).build()));
        assertThat(f.machineName()).isEqualTo(name);
        assertThat(f.osAbi()).isZero();
    }

    @Test
    void aPropertyNoteIsReadInTheFilesByteOrderAndAlignment() {
        // two properties: an unknown one with 8 bytes of data, then ISA_1_NEEDED = v2|v3 (ELF64: 8-byte padding)
        ByteBuffer d = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN);
        d.putInt(0xc0000001).putInt(8).putLong(-1L);
        d.putInt((int) ElfNote.GNU_PROPERTY_X86_ISA_1_NEEDED).putInt(4).putInt(6).putInt(0);
        ElfNote n = new ElfNote("GNU", ElfNote.NT_GNU_PROPERTY_TYPE_0, d.array());
        assertThat(n.gnuProperty(ElfNote.GNU_PROPERTY_X86_ISA_1_NEEDED, ByteOrder.BIG_ENDIAN, true)).isEqualTo(6);
        assertThat(n.gnuProperty(0xc0000002L, ByteOrder.BIG_ENDIAN, true)).isEqualTo(-1);
        assertThat(new ElfNote("FreeBSD", ElfNote.NT_GNU_PROPERTY_TYPE_0, d.array())
                .gnuProperty(ElfNote.GNU_PROPERTY_X86_ISA_1_NEEDED, ByteOrder.BIG_ENDIAN, true)).isEqualTo(-1);
        // a declared size past the end is not believed
        ByteBuffer bad = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        bad.putInt((int) ElfNote.GNU_PROPERTY_X86_ISA_1_NEEDED).putInt(400).putInt(2);
        assertThat(new ElfNote("GNU", 5, bad.array()).gnuProperty(ElfNote.GNU_PROPERTY_X86_ISA_1_NEEDED,
                ByteOrder.LITTLE_ENDIAN, true)).isEqualTo(-1);
    }
}
