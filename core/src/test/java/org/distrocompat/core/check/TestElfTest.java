package org.distrocompat.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfReader;
import org.junit.jupiter.api.Test;

class TestElfTest {
    @Test
    void theElfReaderReadsWhatTheTestWriterWrites() throws Exception {
        byte[] bytes = TestElf.x86_64().soname("libx.so.1").runpath("$ORIGIN/../x.libs")
                .needs("libc.so.6", "GLIBC_2.2.5", "GLIBC_2.17").needs("libstdc++.so.6", "GLIBCXX_3.4.22")
                .needs("libbar.so.1").defines("X_1.0").undefined("bar_init").bytes();
        ElfFile f = ElfReader.read(ByteBuffer.wrap(bytes));
        assertThat(f.arch()).isEqualTo("x86_64");
        assertThat(f.soname()).isEqualTo("libx.so.1");
        assertThat(f.needed()).containsExactly("libc.so.6", "libstdc++.so.6", "libbar.so.1");
        assertThat(f.runpath()).containsExactly("$ORIGIN/../x.libs");
        assertThat(f.requiredVersions()).isEqualTo(Map.of("libc.so.6", List.of("GLIBC_2.2.5", "GLIBC_2.17"),
                "libstdc++.so.6", List.of("GLIBCXX_3.4.22")));
        assertThat(f.definedVersionNames()).containsExactly("X_1.0");
        assertThat(f.symbols()).anyMatch(s -> s.name().equals("bar_init") && !s.defined() && s.version() == null);
        assertThat(ElfReader.read(ByteBuffer.wrap(TestElf.aarch64().needs("libc.so.6", "GLIBC_2.17").bytes())).arch())
                .isEqualTo("aarch64");
    }
}
