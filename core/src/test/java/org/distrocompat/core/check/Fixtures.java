package org.distrocompat.core.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.distrocompat.db.Database;
import org.distrocompat.db.repo.ReleaseRepository;
import org.junit.jupiter.api.Assumptions;

/**
 * Test data: release cells stored in a real PostgreSQL from the Debian fixture packages (crawled cells, with
 * their libraries parsed by the ELF reader) and from pep600_compliance records (imported cells), and builders
 * for wheels, zips and tarballs.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path shared() {
        String prop = System.getProperty("distrocompat.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("../../shared");
        Assumptions.assumeTrue(Files.isDirectory(p.resolve("fixtures/debian-mini")),
                "../shared fixtures absent (" + p + "): skipping tests that need the Debian fixture packages");
        return p;
    }

    public static Path pool() {
        return shared().resolve("fixtures/debian-mini/pool/main/g");
    }

    /**
     * Stores Debian 12 x86_64 and Debian 13 aarch64 as crawled cells (libc6, libstdc++6, libgcc-s1 from the
     * fixture .debs) and CentOS 7, Debian 8 and Ubuntu 14.04 x86_64 as imported cells (pep600 records).
     */
    public static void storeReleases(Database db) throws Exception {
        Path pool = pool();
        Path cache = shared().resolve("reference/pep600-cache/x86_64");
        db.jdbi().useTransaction(h -> {
            ReleaseRepository repo = h.attach(ReleaseRepository.class);
            int debian = repo.upsertDistro("debian", "Debian");
            int crawled = repo.upsertSource("crawled", "debian", "http://mirror.invalid/debian");
            int r12 = repo.upsertRelease(debian, "12", "bookworm", "supported", "glibc", "2.36", null, null, null);
            int r13 = repo.upsertRelease(debian, "13", "trixie", "supported", "glibc", "2.41", null, null, null);
            int ra12 = repo.upsertReleaseArch(r12, "x86_64");
            int ra13 = repo.upsertReleaseArch(r13, "aarch64");
            crawledPackage(h, ra12, crawled, pool.resolve("glibc/libc6_2.36-9+deb12u14_amd64.deb"), "glibc");
            crawledPackage(h, ra12, crawled, pool.resolve("gcc-12/libstdc++6_12.2.0-14+deb12u1_amd64.deb"), "gcc-12");
            crawledPackage(h, ra12, crawled, pool.resolve("gcc-12/libgcc-s1_12.2.0-14+deb12u1_amd64.deb"), "gcc-12");
            crawledPackage(h, ra13, crawled, pool.resolve("glibc/libc6_2.41-12+deb13u5_arm64.deb"), "glibc");
            crawledPackage(h, ra13, crawled, pool.resolve("gcc-14/libstdc++6_14.2.0-19_arm64.deb"), "gcc-14");
            crawledPackage(h, ra13, crawled, pool.resolve("gcc-14/libgcc-s1_14.2.0-19_arm64.deb"), "gcc-14");

            int imported = repo.upsertSource("imported", "pep600_compliance", cache.toString());
            int centos = repo.upsertDistro("centos", "CentOS");
            int ubuntu = repo.upsertDistro("ubuntu", "Ubuntu");
            importRecord(h, repo, imported, centos, "7", "core", cache.resolve("centos-7.json"));
            importRecord(h, repo, imported, debian, "8", "jessie", cache.resolve("debian-8.json"));
            importRecord(h, repo, imported, ubuntu, "14.04", "trusty", cache.resolve("ubuntu-14.04.json"));
        });
    }

    private static final Map<Path, InputContents> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static void crawledPackage(org.jdbi.v3.core.Handle h, int ra, int source, Path deb, String sourceName)
            throws Exception {
        String[] parts = deb.getFileName().toString().split("_");
        long pkg = h.createQuery("""
                INSERT INTO package (release_arch_id, source_id, name, version, upstream_version, source_name,
                                     source_version, source_upstream_version, sha256)
                VALUES (:ra, :src, :name, :version, :upstream, :sname, :version, :upstream, :sha) RETURNING id""")
                .bind("ra", ra).bind("src", source).bind("name", parts[0]).bind("version", parts[1])
                .bind("upstream", parts[1].replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", ""))
                .bind("sname", sourceName).bind("sha", sha256(deb.toString())).mapTo(Long.class).one();
        InputContents contents = PARSED.get(deb);
        if (contents == null) {
            contents = InputWalker.walk(deb); // xz in pure Java: parse each fixture .deb once per test run
            PARSED.put(deb, contents);
        }
        for (InputContents.ElfMember m : contents.elfFiles()) {
            if (m.elf().soname() == null || m.path().contains("/gconv/")) {
                continue;
            }
            long lib = h.createQuery("""
                    INSERT INTO library (sha256, soname, size, machine, arch) VALUES (:sha, :soname, 1, :machine, :arch)
                    ON CONFLICT (sha256) DO UPDATE SET size = 1 RETURNING id""")
                    .bind("sha", sha256(deb + "!" + m.path())).bind("soname", m.elf().soname())
                    .bind("machine", m.elf().machine()).bind("arch", m.elf().arch()).mapTo(Long.class).one();
            h.execute("INSERT INTO package_library VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", pkg, lib, "/" + m.path(),
                    m.elf().soname());
            for (var d : m.elf().definitions()) {
                h.execute("INSERT INTO version_definition (library_id, idx, name, flags, is_base) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", lib, d.index(), d.name(), d.flags(), d.isBase());
            }
        }
    }

    private static void importRecord(org.jdbi.v3.core.Handle h, ReleaseRepository repo, int source, int distro,
            String version, String codename, Path record) throws IOException {
        JsonNode r = new ObjectMapper().readTree(record.toFile());
        int rel = repo.upsertRelease(distro, version, codename, "eol", "glibc", r.get("glibc_version").asText(), null,
                null, null);
        int ra = repo.upsertReleaseArch(rel, "x86_64");
        h.execute("INSERT INTO imported_release_arch (release_arch_id, source_id, glibc_version, record_sha256) "
                + "VALUES (?, ?, ?, ?)", ra, source, r.get("glibc_version").asText(), sha256(record.toString()));
        r.get("symbols").fields().forEachRemaining(e -> e.getValue().forEach(v -> h.execute(
                "INSERT INTO imported_version (release_arch_id, source_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                ra, source, e.getKey() + "_" + v.asText())));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- archives ----

    /** A zip (wheel, jar) with the given members, in order. */
    public static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (var e : members.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A gzip'd tar with the given regular members; names "link -> target" become symbolic links. */
    public static byte[] tgz(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream t = new TarArchiveOutputStream(gz)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var e : members.entrySet()) {
                String name = e.getKey();
                if (name.contains(" -> ")) {
                    TarArchiveEntry l = new TarArchiveEntry(name.substring(0, name.indexOf(" -> ")),
                            TarArchiveEntry.LF_SYMLINK);
                    l.setLinkName(name.substring(name.indexOf(" -> ") + 4));
                    t.putArchiveEntry(l);
                    t.closeArchiveEntry();
                    continue;
                }
                TarArchiveEntry te = new TarArchiveEntry(name);
                te.setSize(e.getValue().length);
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }
}
