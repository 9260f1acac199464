package org.distrocompat.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares ElfReader with {@code readelf -V -W} on every ELF file of the system and of the Debian fixtures. */
class ElfReaderExactnessTest {

    private static final int BATCH = 64;

    @Test
    void systemLibrariesMatchReadelf() throws Exception {
        Assumptions.assumeTrue(Readelf.available(), "/usr/bin/readelf absent: exactness test skipped");
        List<Path> files = TestFiles.elfFilesUnder(TestFiles.systemLibraryRoots());
        Assumptions.assumeTrue(!files.isEmpty(), "no ELF files under /lib, /usr/lib: exactness test skipped");
        Report r = compareAll(files);
        System.out.println("[elf exactness] system: " + r);
        assertThat(r.mismatches).isEmpty();
        assertThat(r.compared.get()).isGreaterThan(0);
    }

    @Test
    void debianFixtureLibrariesMatchReadelf(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Readelf.available(), "/usr/bin/readelf absent: exactness test skipped");
        List<Path> debs = TestFiles.debs();
        Assumptions.assumeTrue(!debs.isEmpty(), "shared fixtures " + TestFiles.debianPool() + " absent");
        List<Path> files = new ArrayList<>();
        int n = 0;
        for (Path deb : debs) {
            for (Map.Entry<String, byte[]> m : TestFiles.elfMembersOfDeb(deb).entrySet()) {
                byte[] data = m.getValue();
                Path out = tmp.resolve(String.format("%03d-", n++) + Path.of(m.getKey()).getFileName());
                Files.write(out, data);
                files.add(out);
                // the in-memory read (as from an archive member) equals the mapped read
                ElfFile fromBuffer = ElfReader.read(ByteBuffer.wrap(data));
                assertThat(fromBuffer).isEqualTo(ElfReader.read(out));
            }
        }
        Report r = compareAll(files);
        System.out.println("[elf exactness] debian fixtures (" + debs.size() + " debs): " + r);
        assertThat(r.mismatches).isEmpty();
        // libc6, libstdc++6, libgcc-s1 for amd64 and arm64: every one has version definitions
        assertThat(r.withDefinitions.get()).isGreaterThanOrEqualTo(6);
    }

    static final class Report {
        final AtomicInteger compared = new AtomicInteger();
        final AtomicInteger withDefinitions = new AtomicInteger();
        final AtomicInteger withRequirements = new AtomicInteger();
        final AtomicInteger versymCompared = new AtomicInteger();
        final AtomicInteger readelfRefused = new AtomicInteger();
        final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String toString() {
            return compared + " files compared (" + withDefinitions + " with definitions, " + withRequirements
                    + " with requirements, " + versymCompared + " with .gnu.version compared entry by entry), "
                    + readelfRefused + " skipped because readelf warned, " + mismatches.size() + " mismatches";
        }
    }

    static Report compareAll(List<Path> files) {
        Report r = new Report();
        int batches = (files.size() + BATCH - 1) / BATCH;
        Map<Path, Readelf.Versions> ref = new ConcurrentHashMap<>();
        IntStream.range(0, batches).parallel().forEach(i -> {
            List<Path> batch = files.subList(i * BATCH, Math.min(files.size(), (i + 1) * BATCH));
            try {
                ref.putAll(Readelf.run(batch));
            } catch (IOException | InterruptedException e) {
                r.mismatches.add("readelf failed on batch " + i + ": " + e);
            }
        });
        for (Path p : files) {
            Readelf.Versions expected = ref.get(p);
            if (expected == null) {
                r.readelfRefused.incrementAndGet();
                continue;
            }
            ElfFile f;
            try {
                f = ElfReader.read(p);
            } catch (IOException e) {
                r.mismatches.add(p + ": reader failed: " + e.getMessage());
                continue;
            }
            Readelf.Versions actual = Readelf.of(f);
            r.compared.incrementAndGet();
            if (!expected.defs().isEmpty()) {
                r.withDefinitions.incrementAndGet();
            }
            if (!expected.needs().isEmpty()) {
                r.withRequirements.incrementAndGet();
            }
            if (!expected.defs().equals(actual.defs())) {
                r.mismatches.add(p + ": definitions differ\n  readelf: " + expected.defs() + "\n  reader:  "
                        + actual.defs());
            }
            if (!expected.needs().equals(actual.needs())) {
                r.mismatches.add(p + ": requirements differ\n  readelf: " + expected.needs() + "\n  reader:  "
                        + actual.needs());
            }
            // entry-by-entry .gnu.version comparison when readelf named every entry
            if (expected.versymCount() > 0 && expected.versym().size() == expected.versymCount() - 1) {
                r.versymCompared.incrementAndGet();
                if (!expected.versym().equals(actual.versym())) {
                    r.mismatches.add(p + ": symbol versions differ: " + firstDifference(expected.versym(),
                            actual.versym()));
                }
            }
        }
        return r;
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "symbol " + (i + 1) + ": readelf " + a.get(i) + ", reader " + b.get(i);
            }
        }
        return "lengths " + a.size() + " vs " + b.size();
    }
}
