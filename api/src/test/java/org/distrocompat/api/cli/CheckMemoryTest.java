package org.distrocompat.api.cli;

import org.distrocompat.api.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.distrocompat.core.check.TestElf;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} in a JVM of 256 MB heap on a wheel with a 300 MB library (a torch wheel's libtorch_cpu.so is 414 MB):
 * the library is never held in memory, and whatever happens the exit code is never 1 (which means "tag inaccurate").
 */
class CheckMemoryTest {
    @TempDir
    Path tmp;

    private static final int LIBRARY_BYTES = 300 << 20;

    /** A wheel whose one extension is a real ELF file padded to 300 MB (deflated, the wheel stays small). */
    private Path bigWheel() throws IOException {
        byte[] elf = TestElf.x86_64().needs("libc.so.6", "GLIBC_2.17").bytes();
        Path wheel = tmp.resolve("torchlike-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(wheel))) {
            z.putNextEntry(new ZipEntry("torchlike/__init__.py"));
            z.write("import torchlike._C\n".getBytes());
            z.putNextEntry(new ZipEntry("torchlike/lib/libtorchlike_cpu.so"));
            z.write(elf);
            byte[] zeros = new byte[1 << 20];
            for (long n = elf.length; n < LIBRARY_BYTES; n += zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, LIBRARY_BYTES - n));
            }
            z.closeEntry();
        }
        return wheel;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run check(String heap, Path wheel) throws Exception {
        Path snapshot = tmp.resolve("snapshot.bin");
        new ReleaseSnapshot(Instant.now(), "test", List.of()).write(snapshot);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "check", "--json", "--snapshot", snapshot.toString(), wheel.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aWheelWithA300MegabyteLibraryIsCheckedWithin256MegabytesOfHeap() throws Exception {
        Path wheel = bigWheel();
        assertThat(Files.size(wheel)).isLessThan(2 << 20);
        Run r = check("256m", wheel);
        assertThat(r.exit()).as(r.err()).isZero();
        var report = Json.MAPPER.readTree(r.out()).get(0);
        assertThat(report.get("elf_files").get(0).asText()).isEqualTo("torchlike/lib/libtorchlike_cpu.so");
        assertThat(report.get("requirements").get("libc.so.6").get(0).asText()).isEqualTo("GLIBC_2.17");
        assertThat(report.get("tags_accurate").asBoolean()).isTrue();
    }

    @Test
    void runningOutOfMemoryIsTheEnvironmentsFaultInOneLineNeverExit1() throws Exception {
        // 12 MB cannot even hold the 16 MiB buffer small members are read into
        Run r = check("12m", bigWheel());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(r.err().strip()).startsWith("distrocompat: out of memory (").contains("DISTROCOMPAT_JAVA_OPTS=-Xmx")
                .doesNotContain("\n").doesNotContain("Exception in thread");
    }
}
