package org.distrocompat.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.distrocompat.crawler.archive.RawZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that once made check say the wrong thing: a hidden extension, a linked directory, a huge library. */
class InputWalkerHardeningTest {
    @TempDir
    Path tmp;

    static final byte[] EXT = TestElf.x86_64().needs("libc.so.6", "GLIBC_2.35").bytes();

    @Test
    void aWheelThatHidesAnExtensionFromStreamingReadersIsRefused() throws Exception {
        // pip reads the central directory and installs pkg/_ext.so; a streaming reader saw a pure wheel
        byte[] wheel = RawZip.hiding("pkg/data.bin", "pkg/_ext.so", EXT);
        Path file = Fixtures.write(tmp, "pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", wheel);
        assertThatThrownBy(() -> InputWalker.walk(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("entry pkg/data.bin overlaps entry pkg/_ext.so");
        assertThatThrownBy(() -> InputWalker.walk(new ByteArrayInputStream(wheel), "upload.whl", WalkLimits.DEFAULT))
                .isInstanceOf(BadInputException.class).hasMessageContaining("overlaps");
    }

    @Test
    void aSymbolicLinkToADirectoryIsFollowedWhenItIsTheArgument() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("build/lib"));
        Files.write(real.resolve("_ext.so"), EXT);
        Path link = Files.createSymbolicLink(tmp.resolve("latest"), tmp.resolve("build"));
        InputContents c = InputWalker.walk(link);
        assertThat(c.elfFiles()).extracting(InputContents.ElfMember::path).containsExactly("lib/_ext.so");
        // links found inside an input are still recorded, not followed
        Files.createSymbolicLink(real.resolve("loop"), tmp);
        assertThat(InputWalker.walk(link).elfFiles()).hasSize(1);
    }

    @Test
    void anElfMemberLargerThanTheMemoryBufferIsReadThroughATemporaryFile() throws Exception {
        // the ELF reader only needs the headers and dynamic tables: padding behind them changes nothing
        byte[] big = Arrays.copyOf(EXT, ElfStreamReader.IN_MEMORY_BYTES + (3 << 20));
        Path zip = Fixtures.write(tmp, "big.zip", Fixtures.zip(Map.of("lib/_big.so", big, "lib/_small.so", EXT)));
        long before = leftovers();
        InputContents c = InputWalker.walk(zip);
        assertThat(c.elfFiles()).extracting(InputContents.ElfMember::path)
                .containsExactlyInAnyOrder("lib/_big.so", "lib/_small.so");
        InputContents.ElfMember bigOne = c.elfFiles().stream().filter(m -> m.path().equals("lib/_big.so")).findFirst()
                .orElseThrow();
        InputContents.ElfMember small = c.elfFiles().stream().filter(m -> m.path().equals("lib/_small.so")).findFirst()
                .orElseThrow();
        assertThat(bigOne.elf()).isEqualTo(small.elf());
        assertThat(leftovers()).as("temporary files removed").isEqualTo(before);
        // the per-file limit holds for spilled members too
        assertThatThrownBy(() -> InputWalker.walk(zip, new WalkLimits(ElfStreamReader.IN_MEMORY_BYTES + (1 << 20),
                1L << 32, 1000))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("lib/_big.so: ELF file larger than the 17 MiB limit");
    }

    private static long leftovers() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("distrocompat-")).count();
        }
    }
}
