package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.error.UserException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * One oversize or malformed name in a dataset must not reach the database: every name is checked before the first
 * write, the import fails in one line, nothing is stored, and the next import works.
 */
class Pep600ImportValidationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"LONG", " 2.18", "2.20\\n", "2.17 2.18", "\\u00e9"})
    void aBadVersionNameFailsTheImportBeforeAnythingIsWritten(String version) throws Exception {
        String v = version.equals("LONG") ? "9".repeat(100_000) : version;
        Path good = Files.createDirectories(tmp.resolve("data/x86_64"));
        Files.writeString(good.resolve("centos-7.json"), "{\"glibc_version\": \"2.17\", \"symbols\": "
                + "{\"GLIBC\": [\"2.17\"]}}");
        // sorted after centos-7: read and checked, but the valid record before it must not be written either
        Files.writeString(good.resolve("evilos-1.json"), "{\"glibc_version\": \"2.17\", \"symbols\": "
                + "{\"GLIBC\": [\"2.17\", \"" + v + "\"]}}");
        try (Database db = TestDatabase.fresh()) {
            assertThatThrownBy(() -> new Pep600Import(db).importDirectory(tmp.resolve("data")))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("evilos-1.json: symbols.GLIBC holds ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400));
            int stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM imported_version")
                    .mapTo(Integer.class).one());
            assertThat(stored).isZero();

            Files.delete(good.resolve("evilos-1.json"));
            Pep600Import.Result ok = new Pep600Import(db).importDirectory(tmp.resolve("data"));
            assertThat(ok.updated()).isEqualTo(1);
        }
    }
}
