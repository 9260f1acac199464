package org.distrocompat.core.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.query.CalendarRow;
import org.distrocompat.db.repo.CalendarStore;

/**
 * Where the calendar comes from and how it gets into a database: the host's distro-info-data CSVs
 * ({@code /usr/share/distro-info}) when present, else the copies shipped in this module; endoflife.date's product
 * files shipped here, or a directory of newer ones ({@code import endoflife DIR}). An empty calendar is filled on
 * first use; later loads record every changed date in the calendar's history.
 */
public final class CalendarLoader {
    /** The host's distro-info-data directory. */
    public static final Path HOST_DISTRO_INFO = Path.of("/usr/share/distro-info");
    private static final String SHIPPED = "/org/distrocompat/core/calendar/";
    private static final String SHIPPED_LOCATION = "distrocompat built-in copy of ";

    private final Path hostDistroInfo;

    /** @param hostDistroInfo where the host's distro-info-data CSVs are (tests point it elsewhere) */
    public CalendarLoader(Path hostDistroInfo) {
        this.hostDistroInfo = hostDistroInfo;
    }

    public static CalendarLoader forHost() {
        return new CalendarLoader(HOST_DISTRO_INFO);
    }

    /** Fills an empty calendar with the host's (or shipped) distro-info-data and the shipped endoflife.date files. */
    public CalendarStore.Result ensureLoaded(Database db) {
        CalendarStore store = new CalendarStore(db);
        if (!store.isEmpty()) {
            return new CalendarStore.Result(0, 0, 0);
        }
        List<CalendarRow> rows = new ArrayList<>(distroInfo());
        rows.addAll(shippedEndoflife());
        return store.write(rows);
    }

    /** Re-reads distro-info-data (the host's package may have been upgraded); changed dates keep their history. */
    public CalendarStore.Result refreshDistroInfo(Database db) {
        return new CalendarStore(db).write(distroInfo());
    }

    /** Reads every {@code *.md} product file of {@code dir} (or of {@code dir/products}) and stores it. */
    public static CalendarStore.Result importEndoflife(Database db, Path dir) {
        return new CalendarStore(db).write(endoflifeDirectory(dir, CalendarProducts.builtIn()));
    }

    /** The product files of a directory, every one read and checked before anything is stored. */
    public static List<CalendarRow> endoflifeDirectory(Path dir, CalendarProducts products) {
        if (!Files.isDirectory(dir)) {
            throw new UserException("no such directory: " + dir);
        }
        Path root = Files.isDirectory(dir.resolve("products")) ? dir.resolve("products") : dir;
        List<CalendarRow> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                String slug = f.getFileName().toString().replaceFirst("\\.md$", "");
                rows.addAll(EndoflifeProduct.parse(products.product(slug), Files.readString(f), f.toString()));
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + root + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new UserException("no endoflife.date product files in " + root + " (expected <slug>.md, e.g. debian.md)");
        }
        return rows;
    }

    /** distro-info-data's Debian and Ubuntu calendars: the host's files where they exist, else the shipped copies. */
    public List<CalendarRow> distroInfo() {
        List<CalendarRow> rows = new ArrayList<>();
        for (String distro : List.of("debian", "ubuntu")) {
            Path host = hostDistroInfo.resolve(distro + ".csv");
            if (Files.isRegularFile(host)) {
                try (Reader r = Files.newBufferedReader(host, StandardCharsets.UTF_8)) {
                    rows.addAll(DistroInfoCsv.parse(distro, r, host.toString()));
                } catch (IOException e) {
                    throw new UserException("cannot read " + host + ": " + e.getMessage(), e);
                }
            } else {
                String name = "distro-info/" + distro + ".csv";
                rows.addAll(DistroInfoCsv.parse(distro, new StringReader(resource(name)), SHIPPED_LOCATION + name));
            }
        }
        return rows;
    }

    /**
     * The calendar of stored rows, or — for release data stored without one (a snapshot written before the calendar
     * existed, a database never opened by this version) — the built-in one, read in memory.
     */
    public static ReleaseCalendar calendarOf(List<CalendarRow> stored) {
        if (!stored.isEmpty()) {
            return ReleaseCalendar.of(stored);
        }
        List<CalendarRow> rows = new ArrayList<>(forHost().distroInfo());
        rows.addAll(shippedEndoflife());
        return ReleaseCalendar.of(rows);
    }

    /** The endoflife.date product files shipped with distrocompat. */
    public static List<CalendarRow> shippedEndoflife() {
        List<CalendarRow> rows = new ArrayList<>();
        CalendarProducts products = CalendarProducts.builtIn();
        for (String slug : products.bySlug().keySet().stream().sorted().toList()) {
            String name = "endoflife/" + slug + ".md";
            rows.addAll(EndoflifeProduct.parse(products.product(slug), resource(name), SHIPPED_LOCATION + name));
        }
        return rows;
    }

    static String resource(String name) {
        try (InputStream in = CalendarLoader.class.getResourceAsStream(SHIPPED + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SHIPPED + name);
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[8192];
                for (int n; (n = r.read(buf)) > 0;) {
                    sb.append(buf, 0, n);
                }
                return sb.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
