package org.distrocompat.db.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.query.CalendarRow;
import org.distrocompat.db.query.ReleaseCatalog;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.distrocompat.db.repo.CalendarStore;

/**
 * A compact, read-only copy of the release data a check needs: every stored release x arch cell with the
 * version names each base library defines there (crawled cells) or the imported version names (imported
 * cells), and the packages that ship those libraries. The database stays the source of truth; the snapshot
 * is rewritten after every crawl or import ({@link #refreshSnapshot}) so that {@code check} can answer in
 * milliseconds without starting a server.
 *
 * <p>File format (gzip): magic {@code "DCSNAP"}, format version, creation time, the database generation it was
 * built from ({@link SnapshotFreshness}; -1 unknown), source description, a string table (each string its UTF-8
 * length and bytes, so no stored value is too long for it), then cells whose strings are indices into that table
 * (each with its libc symbol names: for musl cells, the names musl's libc exports), then the release calendar
 * section. Format 4 added the generation.
 */
public record ReleaseSnapshot(Instant createdAt, long generation, String source, List<SnapshotCell> cells,
        List<CalendarRow> calendar) {
    public static final int FORMAT_VERSION = 4;
    private static final byte[] MAGIC = {'D', 'C', 'S', 'N', 'A', 'P'};
    /** The longest string the reader accepts: far beyond any stored name, short of an allocation a damaged file asks. */
    private static final int MAX_STRING_BYTES = 16 << 20;
    /** Marks the optional calendar section after the cells; readers of files without it see the end of the data. */
    private static final int CALENDAR_SECTION = 0x43414C31;

    public ReleaseSnapshot {
        cells = List.copyOf(cells);
        calendar = List.copyOf(calendar);
    }

    /** A snapshot of unknown generation. */
    public ReleaseSnapshot(Instant createdAt, String source, List<SnapshotCell> cells, List<CalendarRow> calendar) {
        this(createdAt, -1, source, cells, calendar);
    }

    /** A snapshot of unknown generation without calendar rows. */
    public ReleaseSnapshot(Instant createdAt, String source, List<SnapshotCell> cells) {
        this(createdAt, -1, source, cells, List.of());
    }

    /**
     * Rewrites the snapshot beside an embedded database ({@code <home>/snapshot.bin}) from {@code db}. Every
     * crawl and import calls it after committing. An external server needs no snapshot ({@code check} reads
     * the running server directly), so for those this does nothing.
     */
    public static void refreshSnapshot(Database db) {
        if (db.embeddedHome().isEmpty()) {
            return;
        }
        Path file = db.embeddedHome().get().snapshot();
        try {
            load(db).write(file);
        } catch (IOException e) {
            throw new DistrocompatException("cannot write the release snapshot " + file + ": " + Messages.of(e), e);
        }
    }

    /**
     * Reads every cell that has data, with its effective (crawled, else imported) libraries and versions, and the
     * database generation they belong to (one repeatable-read transaction, so the two agree).
     */
    public static ReleaseSnapshot load(Database db) {
        return db.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            long generation = SnapshotFreshness.generation(h);
            record Head(int id, String distro, String display, String release, String codename, String status,
                    String arch, String libc, String glibc, String provenance) {
            }
            List<Head> heads = h.createQuery("""
                    SELECT ra.id, d.name, d.display_name, r.version, r.codename, r.status, ra.arch,
                           r.libc, r.libc_version, p.provenance,
                           (SELECT i.glibc_version FROM imported_release_arch i
                             WHERE i.release_arch_id = ra.id ORDER BY i.imported_at DESC LIMIT 1) AS imported_glibc
                    FROM release_arch ra
                    JOIN release r ON r.id = ra.release_id
                    JOIN distro d ON d.id = r.distro_id
                    JOIN release_arch_provenance p ON p.release_arch_id = ra.id
                    WHERE p.provenance IS NOT NULL""")
                    .map((rs, ctx) -> new Head(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9) != null ? rs.getString(9) : rs.getString(11), rs.getString(10)))
                    .list();
            // crawled cells: soname -> providing package and its version names
            Map<Integer, Map<String, SnapshotLibrary.Builder>> libs = new HashMap<>();
            h.createQuery("""
                    SELECT p.release_arch_id, pl.soname, p.name, p.version, p.source_name, p.source_version,
                           p.source_upstream_version, vd.name
                    FROM package p
                    JOIN package_library pl ON pl.package_id = p.id
                    LEFT JOIN version_definition vd ON vd.library_id = pl.library_id AND NOT vd.is_base
                    WHERE p.current""")
                    .map((rs, ctx) -> {
                        var b = libs.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>())
                                .computeIfAbsent(rs.getString(2), k -> new SnapshotLibrary.Builder(k));
                        b.pkg(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                        if (rs.getString(8) != null) {
                            b.versions.add(rs.getString(8));
                        }
                        return 0;
                    })
                    .list();
            Map<Integer, TreeSet<String>> imported = new HashMap<>();
            h.createQuery("SELECT release_arch_id, name FROM imported_version")
                    .map((rs, ctx) -> imported.computeIfAbsent(rs.getInt(1), k -> new TreeSet<>()).add(rs.getString(2)))
                    .list();
            // musl has no symbol versions: a musl cell's libc is known by the names it exports
            Map<Integer, TreeSet<String>> muslSymbols = new HashMap<>();
            h.createQuery("""
                    SELECT DISTINCT p.release_arch_id, ls.name
                    FROM package p
                    JOIN release_arch ra ON ra.id = p.release_arch_id
                    JOIN release r ON r.id = ra.release_id AND r.libc = 'musl'
                    JOIN package_library pl ON pl.package_id = p.id AND pl.soname LIKE 'libc.musl-%'
                    JOIN library_symbol ls ON ls.library_id = pl.library_id
                    WHERE p.current""")
                    .map((rs, ctx) -> muslSymbols.computeIfAbsent(rs.getInt(1), k -> new TreeSet<>()).add(rs.getString(2)))
                    .list();
            List<SnapshotCell> cells = new ArrayList<>();
            for (Head c : heads) {
                boolean crawled = Provenance.fromDb(c.provenance()) == Provenance.CRAWLED;
                List<SnapshotLibrary> libraries = crawled
                        ? libs.getOrDefault(c.id(), Map.of()).values().stream().map(SnapshotLibrary.Builder::build).toList()
                        : List.of();
                List<String> importedNames = crawled ? List.of() : List.copyOf(imported.getOrDefault(c.id(), new TreeSet<>()));
                cells.add(new SnapshotCell(c.distro(), c.display(), c.release(), c.codename(),
                        ReleaseStatus.fromDb(c.status()), Arch.parse(c.arch()), Libc.fromDb(c.libc()), c.glibc(),
                        Provenance.fromDb(c.provenance()), libraries, importedNames,
                        List.copyOf(muslSymbols.getOrDefault(c.id(), new TreeSet<>()))));
            }
            cells.sort(SnapshotCell.ORDER);
            return new ReleaseSnapshot(Instant.now(), generation, db.description(), cells, new CalendarStore(db).all());
        });
    }

    /** Writes the snapshot atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".snapshot", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                write(os);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public void write(OutputStream raw) throws IOException {
        Map<String, Integer> table = new LinkedHashMap<>();
        table.put("", 0);
        Consumer<String> intern = s -> table.putIfAbsent(s == null ? "" : s, table.size());
        intern.accept(source);
        for (SnapshotCell c : cells) {
            for (String s : c.strings()) {
                intern.accept(s);
            }
        }
        for (CalendarRow r : calendar) {
            List.of(r.distro(), r.cycle(), r.source(), nz(r.codename()), nz(r.extendedName()), r.location())
                    .forEach(intern);
        }
        GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeLong(createdAt.toEpochMilli());
        out.writeLong(generation);
        out.writeInt(table.size());
        for (String s : table.keySet()) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        StringRef ref = s -> out.writeInt(s == null ? -1 : table.get(s));
        ref.put(source);
        out.writeInt(cells.size());
        for (SnapshotCell c : cells) {
            ref.put(c.distro());
            ref.put(c.distroDisplayName());
            ref.put(c.release());
            ref.put(c.codename());
            ref.put(c.status().dbName());
            ref.put(c.arch().wheelName());
            ref.put(c.libc().dbName());
            ref.put(c.glibc());
            ref.put(c.provenance().dbName());
            out.writeInt(c.libraries().size());
            for (SnapshotLibrary l : c.libraries()) {
                ref.put(l.soname());
                ref.put(l.packageName());
                ref.put(l.packageVersion());
                ref.put(l.sourceName());
                ref.put(l.sourceVersion());
                ref.put(l.sourceUpstreamVersion());
                out.writeInt(l.versions().size());
                for (String v : l.versions()) {
                    ref.put(v);
                }
            }
            out.writeInt(c.importedVersions().size());
            for (String v : c.importedVersions()) {
                ref.put(v);
            }
            out.writeInt(c.libcSymbols().size());
            for (String v : c.libcSymbols()) {
                ref.put(v);
            }
        }
        out.writeInt(CALENDAR_SECTION);
        out.writeInt(calendar.size());
        for (CalendarRow r : calendar) {
            ref.put(r.distro());
            ref.put(r.cycle());
            ref.put(r.source());
            ref.put(r.codename());
            out.writeBoolean(r.lts());
            for (LocalDate d : new LocalDate[] {r.releaseDate(), r.supportEnd(), r.ltsEnd(), r.extendedEnd()}) {
                out.writeLong(d == null ? Long.MIN_VALUE : d.toEpochDay());
            }
            ref.put(r.extendedName());
            ref.put(r.location());
        }
        out.flush();
        gz.finish();
    }

    private interface StringRef {
        void put(String s) throws IOException;
    }

    /** Reads a snapshot; a file of another format version or a damaged file is an IOException. */
    public static ReleaseSnapshot read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (EOFException e) {
            throw new IOException("cannot read release snapshot " + file + ": it is empty or truncated", e);
        } catch (IOException e) {
            throw new IOException("cannot read release snapshot " + file + ": " + Messages.of(e), e);
        }
    }

    public static ReleaseSnapshot read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
        Instant created = header(in);
        long generation = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 50_000_000) {
            throw new IOException("damaged snapshot (string table size " + n + ")");
        }
        String[] table = new String[n];
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len < 0 || len > MAX_STRING_BYTES) {
                throw new IOException("damaged snapshot (string length " + len + ")");
            }
            table[i] = new String(in.readNBytes(len), StandardCharsets.UTF_8);
        }
        StringReader str = () -> {
            int i = in.readInt();
            if (i == -1) {
                return null;
            }
            if (i < 0 || i >= table.length) {
                throw new IOException("damaged snapshot (string index " + i + ")");
            }
            return table[i];
        };
        String source = str.get();
        int cellCount = count(in);
        List<SnapshotCell> cells = new ArrayList<>(cellCount);
        for (int i = 0; i < cellCount; i++) {
            String distro = str.get();
            String display = str.get();
            String release = str.get();
            String codename = str.get();
            String status = str.get();
            String arch = str.get();
            String libc = str.get();
            String glibc = str.get();
            String provenance = str.get();
            int libCount = count(in);
            List<SnapshotLibrary> libs = new ArrayList<>(libCount);
            for (int j = 0; j < libCount; j++) {
                String soname = str.get();
                String pkg = str.get();
                String pkgVersion = str.get();
                String srcName = str.get();
                String srcVersion = str.get();
                String srcUpstream = str.get();
                int vc = count(in);
                List<String> versions = new ArrayList<>(vc);
                for (int k = 0; k < vc; k++) {
                    versions.add(str.get());
                }
                libs.add(new SnapshotLibrary(soname, pkg, pkgVersion, srcName, srcVersion, srcUpstream, versions));
            }
            int ic = count(in);
            List<String> importedNames = new ArrayList<>(ic);
            for (int k = 0; k < ic; k++) {
                importedNames.add(str.get());
            }
            int sc = count(in);
            List<String> libcSymbols = new ArrayList<>(sc);
            for (int k = 0; k < sc; k++) {
                libcSymbols.add(str.get());
            }
            cells.add(new SnapshotCell(distro, display, release, codename, ReleaseStatus.fromDb(status),
                    Arch.fromAnyName(arch).orElseThrow(() -> new IOException("damaged snapshot (arch " + arch + ")")),
                    Libc.fromDb(libc), glibc, Provenance.fromDb(provenance), libs, importedNames, libcSymbols));
        }
        return new ReleaseSnapshot(created, generation, source, cells, readCalendar(in, str));
    }

    /** The calendar section, when the file has one (files written before it end after the cells). */
    private static List<CalendarRow> readCalendar(DataInputStream in, StringReader str) throws IOException {
        int marker;
        try {
            marker = in.readInt();
        } catch (EOFException e) {
            return List.of();
        }
        if (marker != CALENDAR_SECTION) {
            throw new IOException("damaged snapshot (section " + Integer.toHexString(marker) + ")");
        }
        int n = count(in);
        List<CalendarRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String distro = str.get();
            String cycle = str.get();
            String source = str.get();
            String codename = str.get();
            boolean lts = in.readBoolean();
            LocalDate[] d = new LocalDate[4];
            for (int k = 0; k < d.length; k++) {
                long day = in.readLong();
                d[k] = day == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(day);
            }
            rows.add(new CalendarRow(distro, cycle, source, codename, lts, d[0], d[1], d[2], d[3], str.get(), str.get()));
        }
        return rows;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The generation a snapshot file was built from, read from its header alone (-1 when it cannot be read). */
    public static long generationOf(Path file) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 512))) {
            header(in);
            return in.readLong();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Checks magic and format version; returns the creation time. */
    private static Instant header(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a distrocompat snapshot");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("snapshot format " + version + ", expected " + FORMAT_VERSION);
        }
        return Instant.ofEpochMilli(in.readLong());
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IOException("damaged snapshot (count " + n + ")");
        }
        return n;
    }

    private interface StringReader {
        String get() throws IOException;
    }

    /** Release order used by every listing: distro, release (numeric first), arch. */
    public static Comparator<String> releaseOrder() {
        return ReleaseCatalog.RELEASE_ORDER;
    }
}
