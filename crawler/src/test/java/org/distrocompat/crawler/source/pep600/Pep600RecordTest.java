package org.distrocompat.crawler.source.pep600;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.distrocompat.db.model.Arch;
import org.junit.jupiter.api.Test;

class Pep600RecordTest {
    private static final Path FILE = Path.of("x86_64/photon-3.0.json");

    private static Pep600Record parse(String json) {
        return Pep600Record.parse(FILE, Arch.X86_64, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsVersionsAndLibzSymbolsAndKeepsEmptyPrefixes() {
        Pep600Record r = parse("""
                {"glibc_version": "2.28", "symbols": {"GLIBCXX": ["3.4", "3.4.24", "LDBL_3.4"], "LIBATOMIC": []},
                 "libz.so.1": ["adler32", "gzopen64@@ZLIB_1.2.3.3"], "extra": []}""");
        assertThat(r.libc()).isEqualTo("glibc");
        assertThat(r.glibcVersion()).isEqualTo("2.28");
        assertThat(r.symbols()).containsOnlyKeys("GLIBCXX", "LIBATOMIC");
        assertThat(r.versionNames()).containsExactly("GLIBCXX_3.4", "GLIBCXX_3.4.24", "GLIBCXX_LDBL_3.4");
        assertThat(r.libzSymbols()).containsExactly("adler32", "gzopen64@@ZLIB_1.2.3.3");
        assertThat(r.sha256()).hasSize(64);
    }

    @Test
    void noGlibcMeansMusl() {
        assertThat(parse("{\"symbols\": {}}").libc()).isEqualTo("musl");
    }

    @Test
    void malformedRecordsFailWithOneLineNamingTheFile() {
        assertThatThrownBy(() -> parse("{\"symbols\": {\"GLIBC\": [\"2.17\"]"))
                .hasMessageStartingWith("malformed pep600 record x86_64/photon-3.0.json: not valid JSON")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> parse("{\"glibc_version\": \"2.28\"}")).hasMessageContaining("no \"symbols\" object");
        assertThatThrownBy(() -> parse("{\"symbols\": {\"GLIBC\": \"2.17\"}}")).hasMessageContaining("symbols.GLIBC is not an array");
        assertThatThrownBy(() -> parse("{\"glibc_version\": \"two\", \"symbols\": {}}")).hasMessageContaining("not a version number");
    }
}
