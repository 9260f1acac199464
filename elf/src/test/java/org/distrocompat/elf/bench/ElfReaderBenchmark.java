package org.distrocompat.elf.bench;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfFormatException;
import org.distrocompat.elf.ElfReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link ElfReader}: {@code read(Path)} (open, map, parse: what a caller pays) and
 * {@code read(ByteBuffer)} on an already mapped file (parse only). Run through {@code bench/elf-bench.sh};
 * not a test (surefire only runs *Test classes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ElfReaderBenchmark {

    @Param({"/usr/lib/x86_64-linux-gnu/libstdc++.so.6"})
    public String file;

    private Path path;
    private MappedByteBuffer mapped;

    @Setup
    public void setup() throws IOException {
        path = Path.of(file);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
    }

    @Benchmark
    public ElfFile readPath() throws IOException {
        return ElfReader.read(path);
    }

    @Benchmark
    public ElfFile parseMapped() throws ElfFormatException {
        return ElfReader.read(mapped);
    }
}
