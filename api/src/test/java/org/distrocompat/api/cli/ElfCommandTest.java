package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfCommandTest {
    static final Path LIBC = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
    static final Path LIBGCC = Path.of("/lib/x86_64-linux-gnu/libgcc_s.so.1");

    @BeforeEach
    void needsLibraries() {
        Assumptions.assumeTrue(Files.isRegularFile(LIBC) && Files.isRegularFile(LIBGCC),
                "x86_64 libc.so.6/libgcc_s.so.1 absent: elf command test skipped");
    }

    @Test
    void humanOutput() {
        CliRunner r = CliRunner.run("elf", LIBGCC.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(LIBGCC + ":", "arch:         x86_64 (ELF64, little-endian, machine 62",
                "soname:       libgcc_s.so.1", "needed:       libc.so.6", "BASE   libgcc_s.so.1",
                "GCC_3.3  (parent GCC_3.0)", "    libc.so.6:", "GLIBC_2.2.5", "dynamic symbols: ");
    }

    @Test
    void jsonIsAlwaysAnArrayInArgumentOrder() throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode one = m.readTree(CliRunner.run("elf", "--json", LIBC.toString()).out());
        assertThat(one.isArray()).isTrue();
        assertThat(one).hasSize(1);
        CliRunner r = CliRunner.run("elf", "--json", LIBGCC.toString(), LIBC.toString());
        assertThat(r.exitCode()).isZero();
        JsonNode two = m.readTree(r.out());
        assertThat(two).hasSize(2);
        JsonNode libc = two.get(1);
        assertThat(two.get(0).get("path").asText()).isEqualTo(LIBGCC.toString());
        assertThat(libc.get("path").asText()).isEqualTo(LIBC.toString());
        assertThat(libc.get("arch").asText()).isEqualTo("x86_64");
        assertThat(libc.get("class").asInt()).isEqualTo(64);
        assertThat(libc.get("byte_order").asText()).isEqualTo("little");
        assertThat(libc.get("machine").asInt()).isEqualTo(62);
        assertThat(libc.get("soname").asText()).isEqualTo("libc.so.6");
        assertThat(libc.get("base").asText()).isEqualTo("libc.so.6");
        assertThat(libc.get("interpreter").isNull() || libc.get("interpreter").isTextual()).isTrue();
        assertThat(libc.get("needed").toString()).contains("ld-linux-x86-64.so.2");
        assertThat(libc.get("rpath").isArray()).isTrue();
        assertThat(libc.get("runpath").isArray()).isTrue();
        assertThat(libc.get("definitions").toString()).contains("\"GLIBC_2.17\"", "\"GLIBC_PRIVATE\"")
                .doesNotContain("\"libc.so.6\"");
        assertThat(libc.get("requirements").get("ld-linux-x86-64.so.2").isArray()).isTrue();
        assertThat(libc.get("symbols").asInt()).isGreaterThan(1000);
        // empty arrays do not disturb the indentation of what follows
        assertThat(r.out()).contains("\n    \"rpath\": [],\n    \"runpath\": [],\n    \"base\": ");
    }

    @Test
    void badFilesAreOneLineEachAndExitTwo(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        Path truncated = tmp.resolve("libc-truncated.so");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(LIBC), 100));
        Path missing = tmp.resolve("missing.so");
        CliRunner r = CliRunner.run("elf", "--json", text.toString(), LIBGCC.toString(), truncated.toString(),
                missing.toString(), tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "distrocompat: elf: " + text + ": not an ELF file (bad magic)",
                "distrocompat: elf: " + truncated + ": truncated: program header table (14 entries) at 0x40 runs past"
                        + " end of file (size 100)",
                "distrocompat: elf: " + missing + ": no such file",
                "distrocompat: elf: " + tmp + ": is a directory");
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("path").asText()).isEqualTo(LIBGCC.toString());
        CliRunner human = CliRunner.run("elf", text.toString());
        assertThat(human.exitCode()).isEqualTo(2);
        assertThat(human.out()).isEmpty();
        assertThat(human.err()).doesNotContain("Exception", "\tat ");
    }
}
