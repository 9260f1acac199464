package org.distrocompat.core.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.distrocompat.core.refresh.FirstUse;
import org.distrocompat.crawler.run.BaselineImport;
import org.distrocompat.crawler.run.Pep600Import;
import org.distrocompat.db.Database;
import org.distrocompat.db.Home;
import org.distrocompat.db.embedded.EmbeddedServer;

/**
 * Benchmark helper (run by bench/baseline.sh, not by the test suite): on one embedded PostgreSQL, for RUNS fresh
 * databases each, the time of loading the shipped baseline (one bulk transaction), of importing the same 510 records
 * from their directory the way {@code import pep600} does (a transaction per record: the obvious alternative), and of
 * a home's whole first use (calendar and baseline). Prints the medians.
 */
public final class BaselineBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path cache = Path.of(args[1]);
        Path dir = Files.createTempDirectory("baseline-bench");
        List<Long> bulk = new ArrayList<>();
        List<Long> perRecord = new ArrayList<>();
        List<Long> firstUse = new ArrayList<>();
        try (EmbeddedServer server = EmbeddedServer.start(new Home(dir))) {
            int n = 0;
            for (int i = 0; i < runs; i++) {
                try (Database db = fresh(server, "bench_" + n++)) {
                    long t = System.nanoTime();
                    new BaselineImport(db).load();
                    bulk.add((System.nanoTime() - t) / 1_000_000);
                }
                try (Database db = fresh(server, "bench_" + n++)) {
                    long t = System.nanoTime();
                    new Pep600Import(db).importDirectory(cache);
                    perRecord.add((System.nanoTime() - t) / 1_000_000);
                }
                try (Database db = fresh(server, "bench_" + n++)) {
                    long t = System.nanoTime();
                    FirstUse.ensure(db, true);
                    firstUse.add((System.nanoTime() - t) / 1_000_000);
                }
            }
        }
        System.out.println("baseline load, one bulk transaction (510 records): median " + median(bulk) + " ms " + bulk);
        System.out.println("import pep600 of the same records, a transaction each: median " + median(perRecord) + " ms "
                + perRecord);
        System.out.println("first use of an empty home (calendar + baseline): median " + median(firstUse) + " ms "
                + firstUse);
        System.out.printf("ratio per-record / bulk: %.1f%n", (double) median(perRecord) / median(bulk));
    }

    private static Database fresh(EmbeddedServer server, String name) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return Database.of(server.postgres().getDatabase("postgres", name), name, null);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
