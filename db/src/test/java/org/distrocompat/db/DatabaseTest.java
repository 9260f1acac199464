package org.distrocompat.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void migrationsCreateTheSchema() {
        try (Database db = TestDatabase.fresh()) {
            var tables = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                    .mapTo(String.class).list());
            assertThat(tables).contains("distro", "release", "release_arch", "package", "library",
                    "version_definition", "library_symbol", "crawl_run", "crawl_error", "source",
                    "imported_version", "effective_version");
        }
    }

    @Test
    void migratingTwiceIsANoOp() {
        try (Database db = TestDatabase.fresh()) {
            Migrations.migrate(db.dataSource());
            int applied = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM flyway_schema_history WHERE success").mapTo(Integer.class).one());
            assertThat(applied).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void versionPrefixIsSplitAtTheFirstUnderscore() {
        try (Database db = TestDatabase.fresh()) {
            var rows = db.jdbi().withHandle(h -> {
                h.execute("INSERT INTO library (sha256, soname, size, machine, arch) VALUES (repeat('a', 64), 'libc.so.6', 1, 62, 'x86_64')");
                h.execute("INSERT INTO version_definition (library_id, idx, name, flags, is_base) "
                        + "SELECT id, v.i, v.n, 0, v.i = 1 FROM library, (VALUES (1, 'libc.so.6'), (2, 'GLIBC_2.17'), "
                        + "(3, 'GLIBC_PRIVATE'), (4, 'CXXABI_TM_1'), (5, 'GLIBCXX_LDBL_3.4.21')) v(i, n)");
                return h.createQuery("SELECT prefix || '|' || version FROM version_definition ORDER BY idx")
                        .mapTo(String.class).list();
            });
            assertThat(rows).containsExactly("libc.so.6|libc.so.6", "GLIBC|2.17", "GLIBC|PRIVATE", "CXXABI|TM_1",
                    "GLIBCXX|LDBL_3.4.21");
        }
    }

    @Test
    void badUrlsGiveOneClearLine() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x/y"))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("unsupported database URL");
        assertThatThrownBy(() -> Database.external(DatabaseUrl.parse("postgresql://u:secret@127.0.0.1:1/none")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("cannot connect to")
                .hasMessageNotContaining("secret");
    }

    @Test
    void libpqUrisBecomeJdbcUrlsWithCredentials() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://alice:p%40ss@db.example:6543/dc?sslmode=disable");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/dc?sslmode=disable");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("p@ss");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h/d");
    }
}
