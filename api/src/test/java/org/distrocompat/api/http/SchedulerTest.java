package org.distrocompat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.api.schedule.RefreshPlan;
import org.distrocompat.core.check.Fixtures;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled refresh across replicas: two servers on one database run each refresh once (never two at a time,
 * one execution per period), both serve what either published, and a run left behind by a replica that died is
 * taken over.
 */
class SchedulerTest {
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);

    @TempDir
    Path tmp;

    private RefreshPlan plan(String replica) throws Exception {
        Path out = Files.createDirectories(tmp.resolve(replica));
        // the crawled fixture cells hold no libatomic, which the derivation's invariants refuse: derive from the
        // imported releases only
        MainstreamConfig config = MainstreamConfig.defaults().withExclude(List.of("debian-12", "debian-13"));
        RefreshJob job = new RefreshJob(config, out, Optional.empty());
        return new RefreshPlan(job, out, EVERY, HEARTBEAT, replica);
    }

    record Run(long id, OffsetDateTime scheduledFor, String replica, OffsetDateTime started, OffsetDateTime finished,
            String status, String message) {
    }

    private static List<Run> runs(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT id, scheduled_for, replica, started_at, finished_at, status, message FROM refresh_run ORDER BY id""")
                .map((rs, ctx) -> new Run(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7)))
                .list());
    }

    @Test
    void twoReplicasOnOneDatabaseRunEachRefreshOnce() throws Exception {
        Fixtures.shared();
        Database db = TestDatabase.fresh();
        Fixtures.storeReleases(db);
        long t0 = System.nanoTime();
        try (TestServer a = new TestServer(db, ServerOptions.loopback(), plan("replica-a"));
             TestServer b = new TestServer(db, ServerOptions.loopback(), plan("replica-b"))) {
            Thread.sleep(8_000);
            a.server.close();
            b.server.close();
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Run> runs = runs(db);
            assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
            // never two at a time: each run started after the previous one finished
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).started()).as("run %s overlaps run %s", runs.get(i), runs.get(i - 1))
                        .isAfterOrEqualTo(runs.get(i - 1).finished());
                assertThat(runs.get(i).scheduledFor()).isAfter(runs.get(i - 1).scheduledFor());
            }
            // one execution per period: no more runs than periods (each period starts when the last run finished)
            assertThat((double) runs.size()).isLessThanOrEqualTo(seconds / EVERY.toSeconds() + 1);
            assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo("succeeded"));
            assertThat(runs).extracting(Run::replica).containsAnyOf("replica-a", "replica-b");
            // the task is one row, claimed by one replica at a time
            int rows = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM scheduled_tasks")
                    .mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
        }
        // whichever replica published, every replica serves the same file from the database
        try (TestServer c = new TestServer(db, ServerOptions.loopback(), null);
             TestServer d = new TestServer(db, ServerOptions.loopback(), null)) {
            var fc = c.get("/api/policy/manylinux");
            var fd = d.get("/api/policy/manylinux");
            assertThat(fc.headers().firstValue(PolicyRoutes.SOURCE_HEADER)).contains("published");
            assertThat(fc.headers().firstValue("ETag")).isEqualTo(fd.headers().firstValue("ETag"));
            assertThat(fc.body()).contains("manylinux_2_17").isEqualTo(fd.body());
        }
    }

    @Test
    void aRunWhoseReplicaDiedIsTakenOver() throws Exception {
        Fixtures.shared();
        Database db = TestDatabase.fresh();
        Fixtures.storeReleases(db);
        // what a replica killed in the middle of a refresh leaves behind: the task row still picked by it, its
        // heartbeat going stale, and its refresh_run still 'running'
        db.jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                                                 last_heartbeat, version)
                    VALUES ('distrocompat-refresh', 'recurring', now() - interval '1 minute', true, 'replica-dead',
                            now() - interval '1 minute', 7)""");
            h.execute("INSERT INTO refresh_run (scheduled_for, replica) VALUES (now() - interval '1 minute', "
                    + "'replica-dead')");
        });
        try (TestServer live = new TestServer(db, ServerOptions.loopback(), plan("replica-live"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && runs(db).stream().noneMatch(r -> r.replica().equals("replica-live")
                    && "succeeded".equals(r.status()))) {
                Thread.sleep(200);
            }
        }
        List<Run> runs = runs(db);
        assertThat(runs.get(0).replica()).isEqualTo("replica-dead");
        assertThat(runs.get(0).status()).isEqualTo("interrupted");
        assertThat(runs).anySatisfy(r -> assertThat(Map.of(r.replica(), r.status()))
                .isEqualTo(Map.of("replica-live", "succeeded")));
    }
}
