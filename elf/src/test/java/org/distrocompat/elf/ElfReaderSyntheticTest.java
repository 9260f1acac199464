package org.distrocompat.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ElfReader on files written by {@link TestElfWriter}: every class, byte order and wheel architecture. */
class ElfReaderSyntheticTest {

    static Stream<Arguments> architectures() {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        return Stream.of(
                Arguments.of("x86_64", 64, le, 62, 0),
                Arguments.of("i686", 32, le, 3, 0),
                Arguments.of("aarch64", 64, le, 183, 0),
                Arguments.of("armv7l", 32, le, 40, 0x05000400),
                Arguments.of("ppc64le", 64, le, 21, 2),
                Arguments.of("ppc64", 64, be, 21, 1),
                Arguments.of("s390x", 64, be, 22, 0),
                Arguments.of("riscv64", 64, le, 243, 5),
                Arguments.of("loongarch64", 64, le, 258, 0x43),
                // not wheel architectures
                Arguments.of("unknown", 32, le, 40, 0x05000200),   // armel: soft-float EABI5
                Arguments.of("unknown", 32, le, 40, 0x04000400),   // EABI4
                Arguments.of("unknown", 32, be, 20, 0),            // 32-bit big-endian PowerPC
                Arguments.of("unknown", 32, le, 62, 0),            // x32
                Arguments.of("unknown", 64, le, 2, 0));            // SPARC v8 number in a 64-bit file
    }

    @ParameterizedTest(name = "{0} ELF{1} {2} EM {3} flags {4}")
    @MethodSource("architectures")
    void readsEveryClassOrderAndArchitecture(String arch, int cls, ByteOrder order, int em, int flags)
            throws Exception {
        for (TestElfWriter.Hash hash : TestElfWriter.Hash.values()) {
            for (boolean sections : List.of(true, false)) {
                TestElfWriter w = TestElfWriter.typicalLibrary().arch(cls, order, em, flags);
                w.hash = hash;
                w.sectionHeaders = sections;
                w.interpreter = "/lib/ld-linux.so.2";
                ElfFile f = ElfReader.read(ByteBuffer.wrap(w.build()));
                String ctx = arch + " " + hash + (sections ? " with" : " without") + " sections";
                assertThat(f.arch()).as(ctx).isEqualTo(arch);
                assertThat(f.elfClass()).as(ctx).isEqualTo(cls);
                assertThat(f.byteOrder()).as(ctx).isEqualTo(order);
                assertThat(f.machine()).as(ctx).isEqualTo(em);
                assertThat(f.flags()).as(ctx).isEqualTo(flags);
                assertThat(f.type()).as(ctx).isEqualTo(ElfFile.ET_DYN);
                assertTypicalLibrary(f, ctx);
                assertThat(f.interpreter()).isEqualTo("/lib/ld-linux.so.2");
                assertThat(f.isMusl()).isFalse();
            }
        }
    }

    static void assertTypicalLibrary(ElfFile f, String ctx) {
        assertThat(f.soname()).as(ctx).isEqualTo("libdemo.so.1");
        assertThat(f.needed()).as(ctx).containsExactly("libc.so.6", "libm.so.6");
        assertThat(f.runpath()).as(ctx).containsExactly("$ORIGIN", "/opt/demo/lib");
        assertThat(f.rpath()).as(ctx).isEmpty();
        assertThat(f.definitionNames()).as(ctx).containsExactly("libdemo.so.1", "DEMO_1.0", "DEMO_1.1", "DEMO_PRIVATE");
        assertThat(f.definedVersionNames()).as(ctx).containsExactly("DEMO_1.0", "DEMO_1.1", "DEMO_PRIVATE");
        assertThat(f.baseDefinitionName()).as(ctx).isEqualTo("libdemo.so.1");
        assertThat(f.definitions().get(0).isBase()).isTrue();
        assertThat(f.definitions().get(2).parents()).containsExactly("DEMO_1.0");
        assertThat(f.requiredVersions()).as(ctx).isEqualTo(Map.of(
                "libc.so.6", List.of("GLIBC_2.17", "GLIBC_2.2.5"), "libm.so.6", List.of("GLIBC_2.29")));
        assertThat(f.requirements().get(1).versions().get(0).isWeak()).isTrue();
        assertThat(f.requirements().get(0).versions().get(0).isWeak()).isFalse();
        assertThat(f.symbols()).as(ctx)
                .extracting(DynamicSymbol::name, DynamicSymbol::defined, DynamicSymbol::binding, DynamicSymbol::type,
                        DynamicSymbol::version, DynamicSymbol::hidden)
                .containsExactly(
                        tuple("memcpy", false, "GLOBAL", "FUNC", "GLIBC_2.17", false),
                        tuple("exp", false, "GLOBAL", "FUNC", "GLIBC_2.29", false),
                        tuple("__gmon_start__", false, "WEAK", "NOTYPE", null, false),
                        tuple("printf", false, "GLOBAL", "FUNC", "GLIBC_2.2.5", false),
                        tuple("demo_old", true, "GLOBAL", "FUNC", "DEMO_1.0", true),
                        tuple("demo_new", true, "GLOBAL", "FUNC", "DEMO_1.1", false),
                        tuple("demo_var", true, "GLOBAL", "OBJECT", "DEMO_1.0", false),
                        tuple("demo_tls", true, "GLOBAL", "TLS", "DEMO_PRIVATE", false),
                        tuple("DEMO_1.0", true, "GLOBAL", "NOTYPE", "DEMO_1.0", false),
                        tuple("demo_plain", true, "WEAK", "FUNC", null, false));
        assertThat(f.versionedSymbolCount()).isEqualTo(8);
    }

    @Test
    void muslInterpreterAndNoVersioning() throws Exception {
        TestElfWriter w = new TestElfWriter();
        w.interpreter = "/lib/ld-musl-x86_64.so.1";
        w.type = ElfFile.ET_EXEC;
        w.needed = List.of("libc.musl-x86_64.so.1");
        w.rpath = "/a:/b";
        w.versym = false;
        w.syms = List.of(new TestElfWriter.Sym("printf", false, 1, 2, 0));
        ElfFile f = ElfReader.read(ByteBuffer.wrap(w.build()));
        assertThat(f.isMusl()).isTrue();
        assertThat(f.type()).isEqualTo(ElfFile.ET_EXEC);
        assertThat(f.rpath()).containsExactly("/a", "/b");
        assertThat(f.definitions()).isEmpty();
        assertThat(f.requirements()).isEmpty();
        assertThat(f.soname()).isNull();
        assertThat(f.symbols()).singleElement().satisfies(s -> assertThat(s.version()).isNull());
    }

    @Test
    void withAndWithoutSectionHeadersAgree() throws Exception {
        for (Object[] a : architectures().map(Arguments::get).toList()) {
            for (TestElfWriter.Hash hash : TestElfWriter.Hash.values()) {
                TestElfWriter w = TestElfWriter.typicalLibrary().arch((int) a[1], (ByteOrder) a[2], (int) a[3],
                        (int) a[4]);
                w.hash = hash;
                ElfFile with = ElfReader.read(ByteBuffer.wrap(w.build()));
                w.sectionHeaders = false;
                ElfFile without = ElfReader.read(ByteBuffer.wrap(w.build()));
                assertThat(without).isEqualTo(with);
            }
        }
    }

    /** readelf reads foreign-architecture files: it must see in our synthetic files what our reader sees. */
    @ParameterizedTest(name = "{0} ELF{1} {2} EM {3} flags {4}")
    @MethodSource("architectures")
    void readelfAgreesOnSyntheticFiles(String arch, int cls, ByteOrder order, int em, int flags,
                                       @TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Readelf.available(), "/usr/bin/readelf absent: cross-check skipped");
        for (TestElfWriter.Hash hash : TestElfWriter.Hash.values()) {
            TestElfWriter w = TestElfWriter.typicalLibrary().arch(cls, order, em, flags);
            w.hash = hash;
            Path file = tmp.resolve(arch + "-" + hash + ".so");
            Files.write(file, w.build());
            Readelf.Versions expected = Readelf.run(List.of(file)).get(file);
            assertThat(expected).as("readelf accepts " + file).isNotNull();
            Readelf.Versions actual = Readelf.of(ElfReader.read(file));
            assertThat(actual.defs()).isEqualTo(expected.defs()).hasSize(4);
            assertThat(actual.needs()).isEqualTo(expected.needs()).hasSize(5);
            assertThat(actual.versym()).isEqualTo(expected.versym()).hasSize(10);
        }
    }
}
