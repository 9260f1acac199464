package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.check.Fixtures;
import org.distrocompat.core.corpus.Corpus;
import org.distrocompat.core.check.TestElf;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyJson;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.Migrations;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}, {@code pairings} against releases stored in a real PostgreSQL: Debian 12 x86_64 and Debian 13
 * aarch64 crawled from the fixture .debs, CentOS 7, Debian 8 and Ubuntu 14.04 imported from pep600 records.
 * One database for the class; most tests read its snapshot, one reads the server directly.
 */
class CheckCommandTest {
    @TempDir
    static Path tmp;
    static String url;
    static Path snapshot;

    @BeforeAll
    static void storeReleases() throws Exception {
        Fixtures.shared();
        url = TestDatabase.freshUrl();
        try (Database db = Database.external(DatabaseUrl.parse(url))) {
            Migrations.migrate(db.dataSource());
            Fixtures.storeReleases(db);
            snapshot = tmp.resolve("snapshot.bin");
            ReleaseSnapshot.load(db).write(snapshot);
        }
    }

    static CliRunner check(String... args) {
        List<String> a = new ArrayList<>(List.of("check", "--snapshot", snapshot.toString()));
        a.addAll(List.of(args));
        return CliRunner.run(a.toArray(String[]::new));
    }

    static JsonNode json(CliRunner r) throws Exception {
        return Json.MAPPER.readTree(r.out());
    }

    static JsonNode release(JsonNode input, String distro, String release) {
        for (JsonNode r : input.get("releases")) {
            if (r.get("distro").asText().equals(distro) && r.get("release").asText().equals(release)) {
                return r;
            }
        }
        throw new AssertionError("no release " + distro + " " + release + " in " + input.get("releases"));
    }

    static byte[] extension() {
        return TestElf.x86_64().runpath("$ORIGIN/../foo.libs")
                .needs("libc.so.6", "GLIBC_2.2.5", "GLIBC_2.14")
                .needs("libstdc++.so.6", "GLIBCXX_3.4.22", "CXXABI_1.3")
                .needs("libgcc_s.so.1", "GCC_3.0")
                .needs("libbar-1a2b.so.1", "BAR_1.0")
                .bytes();
    }

    static byte[] shippedLibbar() {
        return TestElf.x86_64().soname("libbar-1a2b.so.1").defines("BAR_1.0").needs("libc.so.6", "GLIBC_2.2.5").bytes();
    }

    @Test
    void wheelNeedingANewerLibstdcxxThanItsTagAllowsIsInaccurate() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("foo/__init__.py", "x = 1\n".getBytes());
        m.put("foo/_ext.cpython-311-x86_64-linux-gnu.so", extension());
        m.put("foo.libs/libbar-1a2b.so.1", shippedLibbar());
        Path wheel = Fixtures.write(tmp, "foo-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                Fixtures.zip(m));

        CliRunner r = check("--json", wheel.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        JsonNode all = json(r);
        assertThat(all).hasSize(1);
        JsonNode in = all.get(0);
        assertThat(in.get("path").asText()).isEqualTo(wheel.toString());
        assertThat(in.get("arch").asText()).isEqualTo("x86_64");
        assertThat(in.get("libc").asText()).isEqualTo("glibc");
        assertThat(Json.MAPPER.convertValue(in.get("requirements"), Map.class)).isEqualTo(Map.of(
                "libc.so.6", List.of("GLIBC_2.2.5", "GLIBC_2.14"),
                "libstdc++.so.6", List.of("CXXABI_1.3", "GLIBCXX_3.4.22"),
                "libgcc_s.so.1", List.of("GCC_3.0")));
        assertThat(in.get("shipped_libraries").get(0).get("path").asText()).isEqualTo("foo.libs/libbar-1a2b.so.1");
        assertThat(in.get("not_in_base_system")).isEmpty();
        // x86_64 cells only, ordered by distro and release
        List<String> cells = new ArrayList<>();
        in.get("releases").forEach(c -> cells.add(c.get("distro").asText() + " " + c.get("release").asText()));
        assertThat(cells).containsExactly("centos 7", "debian 8", "debian 12", "ubuntu 14.04");
        assertThat(release(in, "debian", "12").get("compatible").asBoolean()).isTrue();
        assertThat(release(in, "debian", "12").get("missing")).isEmpty();
        JsonNode centos = release(in, "centos", "7");
        assertThat(centos.get("compatible").asBoolean()).isFalse();
        assertThat(centos.get("missing")).hasSize(1);
        assertThat(centos.get("missing").get(0).get("soname").asText()).isEqualTo("libstdc++.so.6");
        assertThat(centos.get("missing").get(0).get("version").asText()).isEqualTo("GLIBCXX_3.4.22");
        assertThat(in.get("oldest_glibc").asText()).isEqualTo("2.36");
        assertThat(in.get("overall_tag").asText()).isEqualTo("manylinux_2_24_x86_64");
        assertThat(Json.MAPPER.convertValue(in.get("claimed_tags"), List.class))
                .containsExactly("manylinux_2_17_x86_64", "manylinux2014_x86_64");
        assertThat(in.get("tags_accurate").asBoolean()).isFalse();
        assertThat(in.get("tag_verdicts").get(0).get("reason").asText()).contains("GLIBCXX_3.4.22");

        CliRunner text = check(wheel.toString());
        assertThat(text.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(text.out()).contains("runs on:", "Debian 12", "CentOS 7: needs GLIBCXX_3.4.22 for use_GLIBCXX_3_4_22 (in foo/_ext.cpython-311-x86_64-linux-gnu.so), has up to 3.4.19",
                "manylinux_2_24_x86_64", "INACCURATE");
    }

    @Test
    void accurateWheelExitsZeroAndRunsOnOldReleases() throws Exception {
        byte[] ext = TestElf.x86_64().needs("libc.so.6", "GLIBC_2.2.5", "GLIBC_2.17").needs("libm.so.6", "GLIBC_2.2.5")
                .bytes();
        Path wheel = Fixtures.write(tmp, "bar-2.0-1-py3-none-manylinux2014_x86_64.whl",
                Fixtures.zip(Map.of("bar/_c.abi3.so", ext)));
        CliRunner r = check("--json", wheel.toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        JsonNode in = json(r).get(0);
        assertThat(in.get("tags_accurate").asBoolean()).isTrue();
        assertThat(in.get("oldest_glibc").asText()).isEqualTo("2.17");
        in.get("releases").forEach(c -> assertThat(c.get("compatible").asBoolean()).as(c.toString()).isTrue());
        assertThat(in.get("overall_tag").asText()).isEqualTo("manylinux_2_17_x86_64");
        CliRunner text = check(wheel.toString());
        assertThat(text.out()).contains("CentOS 7", "Debian 8+", "Ubuntu 14.04", "accurate");
    }

    @Test
    void versionsAreNamesNotNumbers() throws Exception {
        // Debian 13 arm64's libgcc_s defines GCC_11.0, GCC_13.0.0, GCC_14.0 and GCC_14.0.0 — not GCC_12.0.0
        Path needs12 = Fixtures.write(tmp, "arm/needs12.so",
                TestElf.aarch64().needs("libgcc_s.so.1", "GCC_12.0.0").needs("libc.so.6", "GLIBC_2.17").bytes());
        Path needs14 = Fixtures.write(tmp, "arm/needs14.so",
                TestElf.aarch64().needs("libgcc_s.so.1", "GCC_14.0").needs("libc.so.6", "GLIBC_2.17").bytes());
        CliRunner r = check("--json", needs12.toString(), needs14.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode all = json(r);
        JsonNode trixie12 = release(all.get(0), "debian", "13");
        assertThat(all.get(0).get("releases")).hasSize(1);
        assertThat(trixie12.get("arch").asText()).isEqualTo("aarch64");
        assertThat(trixie12.get("codename").asText()).isEqualTo("trixie");
        assertThat(trixie12.get("compatible").asBoolean()).isFalse();
        assertThat(trixie12.get("missing").get(0).get("version").asText()).isEqualTo("GCC_12.0.0");
        assertThat(release(all.get(1), "debian", "13").get("compatible").asBoolean()).isTrue();
    }

    @Test
    void aShippedLibraryTheLoaderWouldNotFindIsReported() throws Exception {
        byte[] ext = TestElf.x86_64().needs("libc.so.6", "GLIBC_2.2.5").needs("libbar-1a2b.so.1").bytes();
        Path wheel = Fixtures.write(tmp, "baz-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", Fixtures.zip(Map.of(
                "baz/_ext.so", ext, "baz.libs/libbar-1a2b.so.1", shippedLibbar())));
        CliRunner r = check("--json", wheel.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode in = json(r).get(0);
        assertThat(in.get("unreachable_shipped_libraries").get(0).get("path").asText())
                .isEqualTo("baz.libs/libbar-1a2b.so.1");
        assertThat(Json.MAPPER.convertValue(in.get("not_in_base_system"), List.class)).containsExactly("libbar-1a2b.so.1");
        assertThat(in.get("overall_tag").asText()).isEqualTo("linux_x86_64");
        assertThat(in.get("tag_verdicts").get(0).get("reason").asText()).contains("libbar-1a2b.so.1");
        assertThat(check(wheel.toString()).out()).contains("not provided by the base system",
                "the loader would not find it");
    }

    @Test
    void tarballsNestedJarsDebsDirectoriesAndSingleFilesInInputOrder() throws Exception {
        byte[] addon = TestElf.x86_64().runpath("$ORIGIN").needs("libc.so.6", "GLIBC_2.2.5")
                .needs("libdep.so.1").bytes();
        Map<String, byte[]> npm = new LinkedHashMap<>();
        npm.put("package/package.json", "{}".getBytes());
        npm.put("package/prebuilds/linux-x64/addon.node", addon);
        npm.put("package/prebuilds/linux-x64/libdep.so.1.2", TestElf.x86_64().soname("libdep.so.1")
                .needs("libc.so.6", "GLIBC_2.3").bytes());
        npm.put("package/prebuilds/linux-x64/libdep.so.1 -> libdep.so.1.2", new byte[0]);
        Path tgz = Fixtures.write(tmp, "addon-1.0.0.tgz", Fixtures.tgz(npm));

        byte[] jar = Fixtures.zip(Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(),
                "natives/linux-aarch64/libjni.so", TestElf.aarch64().needs("libc.so.6", "GLIBC_2.17").bytes(),
                "natives/linux-x86_64/libjni.so", TestElf.x86_64().needs("libc.so.6", "GLIBC_2.34").bytes()));
        Path zip = Fixtures.write(tmp, "bundle.zip", Fixtures.zip(Map.of("lib/app.jar", jar, "README", "hi".getBytes())));

        Path deb = Fixtures.pool().resolve("gcc-12/libstdc++6_12.2.0-14+deb12u1_amd64.deb");
        Path dir = tmp.resolve("tree");
        Fixtures.write(dir, "bin/tool", TestElf.x86_64().interpreter("/lib64/ld-linux-x86-64.so.2")
                .needs("libc.so.6", "GLIBC_2.2.5", "GLIBC_2.28").bytes());
        Fixtures.write(dir, "share/doc.txt", "text".getBytes());
        Path single = Path.of("/usr/bin/ls");

        List<String> args = new ArrayList<>(List.of("--json", tgz.toString(), zip.toString(), deb.toString(),
                dir.toString()));
        boolean haveLs = Files.isRegularFile(single);
        if (haveLs) {
            args.add(single.toString());
        }
        CliRunner r = check(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode all = json(r);
        assertThat(all).hasSize(haveLs ? 5 : 4);

        JsonNode t = all.get(0);
        assertThat(t.get("path").asText()).isEqualTo(tgz.toString());
        assertThat(t.get("requirements").has("libdep.so.1")).isFalse(); // found through $ORIGIN and the symlink
        assertThat(t.get("requirements").get("libc.so.6").toString()).contains("GLIBC_2.3");

        JsonNode z = all.get(1);
        assertThat(z.get("arch").asText()).isEqualTo("x86_64");
        assertThat(Json.MAPPER.convertValue(z.get("arches"), List.class)).containsExactly("aarch64", "x86_64");
        assertThat(Json.MAPPER.convertValue(z.get("elf_files"), List.class))
                .containsExactly("lib/app.jar!/natives/linux-x86_64/libjni.so");
        assertThat(release(z, "debian", "12").get("compatible").asBoolean()).isTrue();
        assertThat(release(z, "centos", "7").get("missing").get(0).get("version").asText()).isEqualTo("GLIBC_2.34");

        JsonNode d = all.get(2);
        assertThat(d.get("requirements").has("libc.so.6")).isTrue();
        assertThat(d.get("requirements").has("libgcc_s.so.1")).isTrue();
        assertThat(release(d, "debian", "12").get("compatible").asBoolean()).isTrue();

        JsonNode tree = all.get(3);
        assertThat(Json.MAPPER.convertValue(tree.get("elf_files"), List.class)).containsExactly("bin/tool");
        assertThat(tree.get("oldest_glibc").asText()).isEqualTo("2.36");

        if (haveLs) {
            JsonNode ls = all.get(4);
            assertThat(ls.get("requirements").get("libc.so.6").size()).isGreaterThan(1);
            assertThat(ls.get("claimed_tags")).isEmpty();
            assertThat(ls.get("tags_accurate").asBoolean()).isTrue();
        }
        // the arm64 natives of the same jar, on request
        CliRunner arm = check("--json", "--arch", "arm64", zip.toString());
        assertThat(json(arm).get(0).get("releases").get(0).get("release").asText()).isEqualTo("13");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path text = Fixtures.write(tmp, "notes.txt", "just text\n".getBytes());
        CliRunner r = check(text.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().trim()).startsWith("distrocompat: check: " + text + ": not an ELF file").doesNotContain("\n");

        byte[] elf = TestElf.x86_64().needs("libc.so.6", "GLIBC_2.17").bytes();
        Path truncated = Fixtures.write(tmp, "trunc.whl", Fixtures.zip(Map.of("x/_x.so",
                java.util.Arrays.copyOf(elf, 200))));
        CliRunner t = check(truncated.toString());
        assertThat(t.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(t.err().trim()).startsWith("distrocompat: check: " + truncated + ": x/_x.so: ").doesNotContain("\n")
                .doesNotContain("Exception");

        CliRunner missing = check(tmp.resolve("nope.whl").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().trim()).contains("nope.whl: no such file").doesNotContain("\n");
    }

    @Test
    void readsAnAlreadyRunningServerWithDb() throws Exception {
        Path wheel = Fixtures.write(tmp, "q-1.0-py3-none-manylinux_2_34_x86_64.whl", Fixtures.zip(Map.of("q/_q.so",
                TestElf.x86_64().needs("libc.so.6", "GLIBC_2.34").bytes())));
        CliRunner r = CliRunner.run("check", "--json", "--db", url, wheel.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode in = json(r).get(0);
        assertThat(release(in, "debian", "12").get("compatible").asBoolean()).isTrue();
        assertThat(release(in, "centos", "7").get("compatible").asBoolean()).isFalse();
        assertThat(in.get("overall_tag").asText()).isEqualTo("manylinux_2_34_x86_64");
    }

    @Test
    void pairingsShowGccPerReleaseAndSameGlibcDifferentLibstdcxx() throws Exception {
        CliRunner r = CliRunner.run("pairings", "--json", "--snapshot", snapshot.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode p = Json.MAPPER.readTree(r.out());
        JsonNode bookworm = null;
        for (JsonNode row : p.get("releases")) {
            if (row.get("release").asText().equals("12")) {
                bookworm = row;
            }
        }
        assertThat(bookworm).isNotNull();
        assertThat(bookworm.get("libstdcxx_gcc").asText()).isEqualTo("12.2.0");
        assertThat(bookworm.get("libgcc_gcc").asText()).isEqualTo("12.2.0");
        assertThat(bookworm.get("max").get("GLIBC").asText()).isEqualTo("2.36");
        assertThat(bookworm.get("max").get("GLIBCXX").asText()).isEqualTo("3.4.30");
        JsonNode groups = p.get("same_glibc_different_libstdcxx");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("glibc").asText()).isEqualTo("2.19");
        List<String> members = new ArrayList<>();
        groups.get(0).get("releases").forEach(x -> members.add(x.get("distro").asText() + " " + x.get("release").asText()
                + " " + x.get("max").get("GLIBCXX").asText()));
        assertThat(members).containsExactly("debian 8 3.4.20", "ubuntu 14.04 3.4.19");

        CliRunner csv = CliRunner.run("pairings", "--csv", "--snapshot", snapshot.toString());
        assertThat(csv.out().lines().findFirst().orElseThrow()).startsWith("distro,release,codename,arch,glibc");
        assertThat(CliRunner.run("pairings", "--snapshot", snapshot.toString()).out())
                .contains("Same glibc, different libstdc++", "glibc 2.19");
    }

    @Test
    void muslBinariesAreJudgedByMuslAndAPolicyFileCanBeAdded() throws Exception {
        byte[] musl = TestElf.x86_64().interpreter("/lib/ld-musl-x86_64.so.1").needs("libc.musl-x86_64.so.1").bytes();
        Path good = Fixtures.write(tmp, "m-1.0-py3-none-musllinux_1_2_x86_64.whl", Fixtures.zip(Map.of("m/_m.so", musl)));
        Path bad = Fixtures.write(tmp, "m-1.0-py3-none-manylinux_2_17_x86_64.whl", Fixtures.zip(Map.of("m/_m.so", musl)));
        CliRunner r = check("--json", good.toString(), bad.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode all = json(r);
        assertThat(all.get(0).get("libc").asText()).isEqualTo("musl");
        assertThat(all.get(0).get("releases")).isEmpty(); // no musl release stored
        assertThat(all.get(0).get("tags_accurate").asBoolean()).isTrue();
        assertThat(all.get(0).get("overall_tag").asText()).startsWith("musllinux_1_");
        assertThat(all.get(1).get("tag_verdicts").get(0).get("reason").asText()).contains("musl");

        // --policy: an auditwheel-format file (here: one policy allowing only GLIBC_2.2.5 and libc)
        Path policy = Fixtures.write(tmp, "derived.json", """
                [{"name": "linux", "aliases": [], "priority": 0, "symbol_versions": {}, "lib_whitelist": [], "blacklist": {}},
                 {"name": "manylinux_2_3", "aliases": [], "priority": 100,
                  "symbol_versions": {"x86_64": {"GLIBC": ["2.2.5"]}}, "lib_whitelist": ["libc.so.6"], "blacklist": {}}]
                """.getBytes());
        Path old = Fixtures.write(tmp, "old.so", TestElf.x86_64().needs("libc.so.6", "GLIBC_2.2.5").bytes());
        JsonNode p = json(check("--json", "--policy", policy.toString(), old.toString())).get(0);
        assertThat(p.get("policy_tag").asText()).isEqualTo("manylinux_2_3_x86_64");
        assertThat(p.get("policy").asText()).isEqualTo(policy.toString());
        CliRunner broken = check("--policy", tmp.resolve("missing.json").toString(), old.toString());
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aPolicyFileBreakingAuditwheelsInvariantsIsBadInputInOneLine() throws Exception {
        // the official file with GLIBCXX_3.4.24 taken from manylinux_2_28 on aarch64 (manylinux_2_27 allows it)
        List<Policy> official;
        try (InputStream in = CheckCommandTest.class.getResourceAsStream("/auditwheel/manylinux-policy.json")) {
            official = PolicyJson.parse(in, "official");
        }
        List<Policy> tampered = new ArrayList<>();
        for (Policy p : official) {
            if (!p.name().equals("manylinux_2_28")) {
                tampered.add(p);
                continue;
            }
            Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>(p.symbolVersions());
            Map<String, List<String>> aarch64 = new LinkedHashMap<>(sv.get("aarch64"));
            aarch64.put("GLIBCXX", aarch64.get("GLIBCXX").stream().filter(v -> !v.equals("3.4.24")).toList());
            sv.put("aarch64", aarch64);
            tampered.add(new Policy(p.name(), p.aliases(), p.priority(), sv, p.libWhitelist(), p.blacklist()));
        }
        Path bad = Fixtures.write(tmp, "bad-policy.json", PolicyJson.write(tampered).getBytes());
        Path elf = Fixtures.write(tmp, "plain.so", TestElf.x86_64().needs("libc.so.6", "GLIBC_2.2.5").bytes());
        CliRunner r = check("--policy", bad.toString(), elf.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("distrocompat: check: " + bad
                + ": manylinux_2_28 aarch64: GLIBCXX_3.4.24 allowed by manylinux_2_27 is missing" + System.lineSeparator());

        Path notJson = Fixtures.write(tmp, "not-json.json", "[{\"name\": ".getBytes());
        CliRunner r2 = check("--policy", notJson.toString(), elf.toString());
        assertThat(r2.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r2.err()).startsWith("distrocompat: check: " + notJson + " is not valid JSON: ")
                .hasLineCount(1);
    }

    @Test
    void withoutDbTheSnapshotUnderTheHomeIsReadAndNoServerStarts() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.copy(snapshot, home.resolve("snapshot.bin"));
        Path wheel = Fixtures.write(tmp, "h-1.0-py3-none-manylinux_2_17_x86_64.whl", Fixtures.zip(Map.of("h/_h.so",
                TestElf.x86_64().needs("libc.so.6", "GLIBC_2.17").bytes())));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "check", "--json", wheel.toString());
        pb.environment().put("DISTROCOMPAT_HOME", home.toString());
        pb.environment().remove("DISTROCOMPAT_DB");
        pb.redirectErrorStream(false);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes());
        String err = new String(proc.getErrorStream().readAllBytes());
        assertThat(proc.waitFor()).as(err).isZero();
        assertThat(release(Json.MAPPER.readTree(out).get(0), "centos", "7").get("compatible").asBoolean()).isTrue();
        try (var files = Files.list(home)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("snapshot.bin");
        }
    }

    @Test
    void theCheckIsALibraryCallOnStreamsToo() throws Exception {
        org.distrocompat.core.query.Checker checker = new org.distrocompat.core.query.Checker(ReleaseSnapshot.read(snapshot));
        byte[] wheel = Fixtures.zip(Map.of("s/_s.so", TestElf.x86_64().needs("libc.so.6", "GLIBC_2.34").bytes()));
        var report = checker.check(new java.io.ByteArrayInputStream(wheel), "s-1.0-py3-none-manylinux_2_17_x86_64.whl",
                null);
        assertThat(report.tagsAccurate()).isFalse();
        assertThat(report.oldestGlibc()).isEqualTo("2.36");
        assertThat(report.toJson()).containsKeys("path", "arch", "requirements", "releases", "oldest_glibc",
                "overall_tag", "claimed_tags", "tags_accurate");
    }

    /** Validates {@code check --json} output against the documented schema; fails with every violation listed. */
    static void assertFollowsSchema(JsonNode output) throws Exception {
        assertThat(schemaErrors(output)).as(output.toString()).isEmpty();
    }

    @Test
    void outputFollowsTheDocumentedSchema() throws Exception {
        Path wheel = Fixtures.write(tmp, "s-1.0-py3-none-manylinux_2_17_x86_64.whl", Fixtures.zip(Map.of("s/_s.so",
                extension(), "foo.libs/libbar-1a2b.so.1", shippedLibbar(), "../x.so", shippedLibbar())));
        Path policy = tmp.resolve("p.json");
        try (var in = CheckCommand.class.getResourceAsStream("/auditwheel/manylinux-policy.json")) {
            Files.copy(in, policy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode out = json(check("--json", "--policy", policy.toString(), wheel.toString()));
        assertFollowsSchema(out);
        assertThat(out.get(0).get("skipped")).isNotEmpty();
        assertThat(out.get(0).get("platforms")).hasSize(1);
        // a field the schema does not know fails the validation
        ((ObjectNode) out.get(0)).put("surprise", 1);
        assertThat(schemaErrors(out)).isNotEmpty();
    }

    static List<?> schemaErrors(JsonNode output) throws Exception {
        try (var in = CheckCommand.class.getResourceAsStream("/schema/check.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in).validate(output);
        }
    }

    @Test
    void aSonameOnlyImportedDataKnowsIsJudgedThereAndListedAsNotCoveredOnCrawledCells() throws Exception {
        // the crawl stored glibc, libstdc++ and libgcc_s only; the pep600 records know libz's ZLIB versions
        Path so = Fixtures.write(tmp, "z/_z.so", TestElf.x86_64().needs("libc.so.6", "GLIBC_2.2.5")
                .needs("libz.so.1", "ZLIB_1.2.9").bytes());
        JsonNode in = json(check("--json", so.toString())).get(0);
        assertThat(in.get("not_in_base_system")).isEmpty();
        JsonNode bookworm = release(in, "debian", "12");
        assertThat(bookworm.get("compatible").asBoolean()).isTrue();
        assertThat(Json.MAPPER.convertValue(bookworm.get("not_covered"), List.class)).containsExactly("libz.so.1");
        JsonNode centos = release(in, "centos", "7"); // ZLIB up to 1.2.5.2
        assertThat(centos.get("compatible").asBoolean()).isFalse();
        assertThat(centos.get("missing").get(0).get("version").asText()).isEqualTo("ZLIB_1.2.9");
        assertThat(centos.get("not_covered")).isEmpty();
        assertThat(check(so.toString()).out()).contains("unchecked:", "libz.so.1: no data on 1 release (Debian 12)");
    }
    @Test
    void everyCorpusInputFollowsTheSchemaAndMultiPlatformArchivesGetOneBlockPerPlatform() throws Exception {
        List<String> args = new ArrayList<>(List.of("--json"));
        for (String dir : List.of("wheels", "jars", "npm")) {
            try (var files = Files.list(Corpus.dir().resolve(dir))) {
                files.sorted().map(Path::toString).filter(f -> !f.contains("armv5-") && !f.contains("mips-"))
                        .forEach(args::add);
            }
        }
        CliRunner r = check(args.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        JsonNode all = json(r);
        assertThat(all).hasSize(args.size() - 1);
        assertFollowsSchema(all);

        CliRunner text = check(Corpus.jar("dbdriver-3.0.jar").toString(), Corpus.jar("natives-1.0.jar").toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains(
                "dbdriver-3.0.jar: 8 platforms (8 files)",
                "  Linux glibc x86_64 (primary), 1 file:",
                "    runs on:       CentOS 7; Debian 8+; Ubuntu 14.04",
                "  Linux musl x86_64, 1 file:",
                "    runs on:       no musl release of x86_64 is stored",
                "  FreeBSD x86_64: not a Linux binary, not judged (org/example/native/FreeBSD/x86_64/libdb.so)",
                "  Android aarch64: android_21_arm64_v8a by auditwheel's Android policy",
                "  macOS arm64: a Mach-O binary for macOS: not judged",
                "  Linux glibc mips64: no wheel tag for mips64 and no release of it is stored: not judged",
                "  Solaris x86_64: not a Linux binary, not judged (sunos-x86-64/libjnidispatch.so)");
    }

    @Test
    void theSymbolBehindEveryMissAndWhy() throws Exception {
        String wheel = Corpus.wheel(Corpus.reference("threads").wheel()).toString();
        CliRunner text = check(wheel);
        assertThat(text.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(text.out()).contains("CentOS 7: needs GLIBC_2.34 for pthread_create, pthread_join (in "
                + "threads/_threads.cpython-312-x86_64-linux-gnu.so), has up to 2.17",
                "limited to:    manylinux_2_34_x86_64 by symbol versions: needs GLIBC_2.34 (libc.so.6) for pthread_create");
        JsonNode centos = release(json(check("--json", wheel)).get(0), "centos", "7");
        assertThat(centos.get("missing").get(0).get("symbols").get(0).get("name").asText()).isEqualTo("pthread_create");
        assertThat(centos.get("missing").get(0).get("symbol_count").asInt()).isEqualTo(2);

        CliRunner why = check("--why", "GLIBC_2.34", wheel);
        assertThat(why.exitCode()).isZero();
        assertThat(why.out()).isEqualTo(wheel + ": GLIBC_2.34\n"
                + "  libc.so.6 (Linux glibc x86_64), required by threads/_threads.cpython-312-x86_64-linux-gnu.so:\n"
                + "    pthread_create  threads/_threads.cpython-312-x86_64-linux-gnu.so\n"
                + "    pthread_join    threads/_threads.cpython-312-x86_64-linux-gnu.so\n");
        CliRunner none = check("--why", "GLIBC_2.99", wheel);
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.out()).contains("nothing requires GLIBC_2.99");
        JsonNode whyJson = json(check("--json", "--why", "GLIBC_2.34", wheel)).get(0);
        assertThat(whyJson.get("requirements").get(0).get("symbols")).hasSize(2);
    }

    @Test
    void anArchitectureWithoutAWheelTagIsBadInputInOneLine() throws Exception {
        String wheel = Corpus.wheel(Corpus.reference("mips").wheel()).toString();
        CliRunner r = check(wheel);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("distrocompat: check: " + wheel + ": no wheel tag for mips64: ").hasLineCount(1);
    }
    /** Runs the CLI in a JVM of its own with {@code home} as $DISTROCOMPAT_HOME: stdout, stderr and exit code. */
    static CliRunner subprocess(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DISTROCOMPAT_HOME", home.toString());
        pb.environment().remove("DISTROCOMPAT_DB");
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes());
        String err = new String(proc.getErrorStream().readAllBytes());
        return new CliRunner(proc.waitFor(), out, err);
    }

    @Test
    void thePlainInvocationWithoutPicocliAnswersAsThePicocliOneDoes() throws Exception {
        assertThat(CheckCommand.isPlain(new String[] {"check", "--json", "a.whl", "b.whl"})).isTrue();
        assertThat(CheckCommand.isPlain(new String[] {"check", "a.whl"})).isTrue();
        assertThat(CheckCommand.isPlain(new String[] {"check", "--json"})).isFalse();
        assertThat(CheckCommand.isPlain(new String[] {"check", "--arch", "x86_64", "a.whl"})).isFalse();
        assertThat(CheckCommand.isPlain(new String[] {"check", "-h"})).isFalse();
        assertThat(CheckCommand.isPlain(new String[] {"check", "--", "-a.whl"})).isFalse();
        assertThat(CheckCommand.isPlain(new String[] {"pairings", "a.whl"})).isFalse();

        Path home = tmp.resolve("plain-home");
        Files.createDirectories(home);
        Files.copy(snapshot, home.resolve("snapshot.bin"));
        String wheel = Corpus.wheel(Corpus.reference("threads").wheel()).toString();
        String jar = Corpus.jar("dbdriver-3.0.jar").toString();
        CliRunner plain = subprocess(home, "check", "--json", wheel, jar);
        // --snapshot FILE takes picocli's path to the same data
        CliRunner picocli = subprocess(home, "check", "--json", "--snapshot", home.resolve("snapshot.bin").toString(),
                wheel, jar);
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(picocli.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(plain.out()).isEqualTo(picocli.out());
        assertThat(plain.err()).isEqualTo(picocli.err());
        assertThat(subprocess(home, "check", wheel).out()).isEqualTo(subprocess(home, "check", "--snapshot",
                home.resolve("snapshot.bin").toString(), wheel).out());

        CliRunner missing = subprocess(home, "check", tmp.resolve("nope.whl").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).startsWith("distrocompat: check: " + tmp.resolve("nope.whl") + ": no such file")
                .hasLineCount(1);
    }
}
