package org.distrocompat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.check.Fixtures;
import org.distrocompat.core.check.TestElf;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.core.query.Checker;
import org.distrocompat.core.query.TagOrder;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.model.RunStatus;
import org.distrocompat.db.repo.CrawlRuns;
import org.distrocompat.db.repo.PublishedFiles;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API against a real PostgreSQL holding the fixture releases: Debian 12 x86_64 and Debian 13 aarch64 crawled
 * from the Debian fixture packages, CentOS 7, Debian 8 and Ubuntu 14.04 x86_64 imported from pep600 records.
 */
class ApiTest {
    static final String WHEEL = "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl";
    static Database db;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Fixtures.shared(); // skips (with a message) without ../shared
        db = TestDatabase.fresh();
        Fixtures.storeReleases(db);
        server = new TestServer(db, ServerOptions.loopback(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A wheel whose extension needs GLIBCXX_3.4.20: Debian 8 has it, Ubuntu 14.04 (GLIBCXX up to 3.4.19) not. */
    static byte[] wheel() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("demo/_ext.so", TestElf.x86_64().soname("_ext.so").needs("libstdc++.so.6", "GLIBCXX_3.4.20")
                .needs("libc.so.6", "GLIBC_2.17").bytes());
        m.put("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
        return Fixtures.zip(m);
    }

    @Test
    void releasesAreListedAndFiltered() throws Exception {
        JsonNode all = TestServer.json(server.get("/api/releases"));
        assertThat(all).hasSize(5);
        assertThat(all.get(0).has("versions")).isFalse();
        JsonNode debian = TestServer.json(server.get("/api/releases?distro=Debian&arch=amd64"));
        assertThat(debian).extracting(n -> n.get("release").asText()).containsExactly("8", "12");
        assertThat(debian.get(1).get("max").get("GLIBCXX").asText()).isEqualTo("3.4.30");
        JsonNode full = TestServer.json(server.get("/api/releases?distro=ubuntu&versions=true"));
        assertThat(full.get(0).get("versions").get("GLIBCXX").toString()).contains("3.4.19").doesNotContain("3.4.20");
        assertThat(TestServer.json(server.get("/api/releases?status=eol"))).hasSize(3);
    }

    @Test
    void supportedOnIsTheReleaseCalendarsWord() throws Exception {
        // the test database stores no calendar: the built-in one (distro-info-data, endoflife.date copies) answers
        JsonNode in2018 = TestServer.json(server.get("/api/releases?supported_on=2018-01-01"));
        JsonNode in2024 = TestServer.json(server.get("/api/releases?supported_on=2024-01-01"));
        JsonNode in2024ext = TestServer.json(server.get("/api/releases?supported_on=2024-01-01&include_extended=true"));
        assertThat(in2018).extracting(n -> n.get("distro").asText() + n.get("release").asText())
                .containsExactlyInAnyOrder("centos7", "debian8", "ubuntu14.04");
        // CentOS 7 until 2024-06-30; Debian 8's ELTS and Ubuntu 14.04's ESM count only as extended support
        assertThat(in2024).extracting(n -> n.get("distro").asText() + n.get("release").asText())
                .containsExactlyInAnyOrder("centos7", "debian12");
        assertThat(in2024ext).extracting(n -> n.get("distro").asText() + n.get("release").asText())
                .containsExactlyInAnyOrder("centos7", "debian8", "debian12", "ubuntu14.04");
        assertThat(server.get("/api/releases?supported_on=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void aReleaseHasItsCellsHistoryAndFirstSeen() throws Exception {
        HttpResponse<String> r = server.get("/api/releases/debian/bookworm");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = TestServer.json(r);
        assertThat(d.get("release").asText()).isEqualTo("12");
        assertThat(d.get("cells").get(0).get("versions_by_soname").get("libstdc++.so.6").toString())
                .contains("GLIBCXX_3.4.30");
        JsonNode history = d.get("history").get(0);
        assertThat(history.get("arch").asText()).isEqualTo("x86_64");
        assertThat(history.get("observations").toString()).contains("libc6").contains("2.36-9+deb12u14");
        assertThat(history.get("first_seen").get("GLIBC_2.36").get("package").asText()).isEqualTo("libc6");
        JsonNode missing = TestServer.json(server.get("/api/releases/debian/99"));
        assertThat(missing.get("status").asInt()).isEqualTo(404);
        assertThat(missing.get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void checkAnswersWhatTheCheckerAnswersRawOrMultipart() throws Exception {
        byte[] wheel = wheel();
        HttpResponse<String> raw = server.post("/api/check?filename=" + WHEEL, wheel, "application/octet-stream");
        assertThat(raw.statusCode()).isEqualTo(200);
        JsonNode report = TestServer.json(raw);
        assertThat(report.get("wheel").asText()).isEqualTo(WHEEL);
        assertThat(report.get("tags_accurate").asBoolean()).isFalse(); // manylinux2014 allows GLIBCXX up to 3.4.19
        Map<String, JsonNode> byRelease = new LinkedHashMap<>();
        report.get("releases").forEach(n -> byRelease.put(n.get("distro").asText() + " " + n.get("release").asText(), n));
        assertThat(byRelease.get("debian 8").get("compatible").asBoolean()).isTrue();
        assertThat(byRelease.get("ubuntu 14.04").get("compatible").asBoolean()).isFalse();
        assertThat(byRelease.get("ubuntu 14.04").get("missing").toString()).contains("GLIBCXX_3.4.20");

        // the same object the library call (and so check --json) gives
        Checker checker = new Checker(ReleaseSnapshot.load(db), null, WalkLimits.DEFAULT);
        JsonNode expected = Json.COMPACT.readTree(Json.bytes(checker.check(new ByteArrayInputStream(wheel),
                WHEEL, null).toJson()));
        assertThat(report).isEqualTo(expected);

        JsonNode multipart = TestServer.json(server.postMultipart("/api/check", WHEEL, wheel));
        assertThat(multipart).isEqualTo(expected);
        JsonNode disposition = TestServer.json(TestServer.HTTP.send(HttpRequest.newBuilder(URI.create(
                server.url("/api/check"))).header("Content-Disposition", "attachment; filename=\"" + WHEEL + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wheel)).build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(disposition.get("wheel").asText()).isEqualTo(WHEEL);
    }

    @Test
    void uploadsOverALimitAreRefusedWithJson() throws Exception {
        ServerOptions small = ServerOptions.loopback().withLimits(8 << 10, new WalkLimits(1 << 20, 64 << 10, 10));
        try (TestServer limited = new TestServer(db, small, null)) {
            HttpResponse<String> big = limited.post("/api/check", new byte[20_000], "application/octet-stream");
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(TestServer.json(big).get("error").asText()).isEqualTo("payload_too_large");

            // 1 MiB of zeros in a small zip: fine as a body, past the 64 KiB decompression limit
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(zip)) {
                z.putNextEntry(new ZipEntry("zeros.bin"));
                z.write(new byte[1 << 20]);
                z.closeEntry();
            }
            assertThat(zip.size()).isLessThan(8 << 10);
            HttpResponse<String> bomb = limited.post("/api/check", zip.toByteArray(), "application/zip");
            assertThat(bomb.statusCode()).isEqualTo(422);
            assertThat(TestServer.json(bomb).get("error").asText()).isEqualTo("input_limit");

            List<String> many = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                many.add("f" + i);
            }
            Map<String, byte[]> members = new LinkedHashMap<>();
            many.forEach(n -> members.put(n, new byte[1]));
            HttpResponse<String> tooMany = limited.post("/api/check", Fixtures.zip(members), "application/zip");
            assertThat(tooMany.statusCode()).isEqualTo(422);
            assertThat(TestServer.json(tooMany).get("message").asText()).contains("more than 10 archive members");
        }
        HttpResponse<String> garbage = server.post("/api/check", "not a wheel".getBytes(StandardCharsets.UTF_8),
                "application/octet-stream");
        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(garbage).get("error").asText()).isEqualTo("bad_input");
        assertThat(server.post("/api/check?arch=vax", wheel(), "application/octet-stream").statusCode()).isEqualTo(400);
    }

    @Test
    void errorsHaveOneShapeAndNoStackTraces() throws Exception {
        for (String path : List.of("/api/releases?distor=debian", "/nope", "/api/tags?glibc=two&arch=x86_64",
                "/api/releases/debian/99")) {
            HttpResponse<String> r = server.get(path);
            JsonNode e = TestServer.json(r);
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
            assertThat(e.get("status").asInt()).isEqualTo(r.statusCode());
            assertThat(e.fieldNames()).toIterable().containsExactly("status", "error", "message", "path");
        }
        HttpResponse<String> wrongMethod = TestServer.HTTP.send(HttpRequest.newBuilder(
                URI.create(server.url("/api/releases"))).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(TestServer.json(wrongMethod).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void aFailureInsideIsA500WithoutDetails() throws Exception {
        Database broken = TestDatabase.fresh();
        try (TestServer s = new TestServer(broken, ServerOptions.loopback(), null)) {
            broken.jdbi().useHandle(h -> h.execute("INSERT INTO distro (name, display_name) VALUES ('x', 'X')"));
            broken.jdbi().useHandle(h -> h.execute("ALTER TABLE package RENAME TO package_gone"));
            HttpResponse<String> r = s.get("/api/policy/explain");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(TestServer.json(r).get("error").asText()).isEqualTo("internal");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("package_gone").doesNotContain("at org.");
            assertThat(s.log()).contains("internal error on GET /api/policy/explain"); // the details stay here
        }
    }

    @Test
    void policyFilesCarryTheirSourceAndAnswerConditionalGets() throws Exception {
        HttpResponse<String> official = server.get("/api/policy/musllinux");
        assertThat(official.statusCode()).isEqualTo(200);
        assertThat(official.headers().firstValue(PolicyRoutes.SOURCE_HEADER)).contains("official");
        assertThat(TestServer.json(official).get(1).get("name").asText()).startsWith("musllinux");

        String derived = "[{\"name\": \"linux\", \"aliases\": [], \"priority\": 0, \"symbol_versions\": {}, "
                + "\"lib_whitelist\": [], \"blacklist\": {}}]";
        new PublishedFiles(db).put("manylinux-policy.json", derived.getBytes(StandardCharsets.UTF_8), null);
        server.server.pollNow();
        HttpResponse<String> published = server.get("/api/policy/manylinux");
        assertThat(published.headers().firstValue(PolicyRoutes.SOURCE_HEADER)).contains("published");
        assertThat(published.body()).isEqualTo(derived);
        String etag = published.headers().firstValue("ETag").orElseThrow();
        assertThat(server.get("/api/policy/manylinux", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(server.get("/api/policy/manylinux", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        new PublishedFiles(db).put("manylinux-policy.json", new byte[0], null);
        db.jdbi().useHandle(h -> h.execute("DELETE FROM published_file"));
        server.server.pollNow();
    }

    @Test
    void explainAndDiffDeriveFromTheData() throws Exception {
        JsonNode explain = TestServer.json(server.get("/api/policy/explain?arch=x86_64"));
        assertThat(explain.get("lines").toString()).contains("manylinux_2_17 x86_64");
        JsonNode diff = TestServer.json(server.get("/api/policy/diff"));
        assertThat(diff.get("against").asText()).isEqualTo("official");
        assertThat(diff.get("changed").asBoolean()).isTrue();
        assertThat(diff.get("text").asText()).contains("auditwheel's official manylinux-policy.json");
        assertThat(server.get("/api/policy/diff?against=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void pairingsShowTheSameGlibcDifferentLibstdcxxCase() throws Exception {
        JsonNode p = TestServer.json(server.get("/api/pairings"));
        JsonNode group = p.get("same_glibc_different_libstdcxx").get(0);
        assertThat(group.get("glibc").asText()).isEqualTo("2.19");
        assertThat(group.get("releases").toString()).contains("\"debian\"").contains("\"ubuntu\"");
    }

    @Test
    void tagsArePipsOrder() throws Exception {
        JsonNode tags = TestServer.json(server.get("/api/tags?glibc=2.31&arch=amd64"));
        List<String> got = new ArrayList<>();
        tags.forEach(t -> got.add(t.asText()));
        assertThat(got).isEqualTo(TagOrder.platformTags(2, 31, "x86_64"));
        assertThat(server.get("/api/tags?glibc=2.31").statusCode()).isEqualTo(400);
    }

    @Test
    void operationsEndpointsAnswer() throws Exception {
        assertThat(TestServer.json(server.get("/healthz")).get("status").asText()).isEqualTo("ok");
        JsonNode ready = TestServer.json(server.get("/readyz"));
        assertThat(ready.get("ready").asBoolean()).isTrue();
        assertThat(ready.get("release_arch_cells").asInt()).isEqualTo(5);
        assertThat(ready.get("request_role").get("read_only_sessions").asBoolean()).isTrue();
        server.post("/api/check?filename=" + WHEEL, wheel(), "application/octet-stream");
        try (CrawlRuns.Lease run = new CrawlRuns(db).start(CrawlRuns.Kind.IMPORT, "test")) {
            run.finish(RunStatus.SUCCEEDED, new CrawlRuns.Counters(0, 0, 0, 0, 0));
        }
        server.server.pollNow();
        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("distrocompat_http_requests_total{method=\"POST\",route=\"/api/check\",status=\"200\"}")
                .contains("distrocompat_http_request_duration_seconds_bucket")
                .contains("distrocompat_check_bytes_total")
                .contains("distrocompat_crawl_runs{kind=\"import\",status=\"succeeded\"} 1")
                .contains("jvm_memory_used_bytes");
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/echarts/").doesNotContain("{{echarts}}").doesNotContain("https://");
        String echarts = page.body().replaceAll("(?s).*src=\"(/webjars/[^\"]+)\".*", "$1");
        assertThat(server.get(echarts).statusCode()).isEqualTo(200);
        assertThat(server.get("/assets/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void gzipAndEtagOnTheListing() throws Exception {
        HttpResponse<String> plain = server.get("/api/releases");
        HttpResponse<byte[]> gz = TestServer.HTTP.send(HttpRequest.newBuilder(
                URI.create(server.url("/api/releases"))).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body()))
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unzipped).isEqualTo(plain.body());
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(server.get("/api/releases", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }
}
