package org.distrocompat.crawler.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.crawler.source.pep600.Pep600Dataset;
import org.distrocompat.crawler.source.pep600.Pep600Name;
import org.distrocompat.crawler.source.pep600.Pep600Record;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.model.RunStatus;
import org.distrocompat.db.repo.CrawlRuns;
import org.distrocompat.db.repo.ImportedCellFacts;
import org.distrocompat.db.repo.ImportedCells;
import org.distrocompat.db.snapshot.ReleaseSnapshot;

/**
 * The import run of a pep600_compliance dataset: reads a directory of records
 * ({@code <arch>/<distro>-<version>.json}) as the source
 * {@code imported/pep600_compliance}: one transaction per release x arch, skipped when the record's hash is
 * the one stored (so a re-import of unchanged data writes nothing). Every record is read and checked before
 * anything is written. Crawled data for the same cell wins (see the view effective_version); where both
 * exist, the differences per prefix are part of the result.
 */
public final class Pep600Import {
    public static final String SOURCE_NAME = "pep600_compliance";

    private final Database db;

    public Pep600Import(Database db) {
        this.db = db;
    }

    /** Versions one side defines and the other does not, for one prefix of one cell. */
    public record PrefixDifference(List<String> onlyCrawled, List<String> onlyImported) {
    }

    /** One record's fate: {@code updated} or {@code unchanged}, and its differences from crawled data. */
    public record CellResult(String distro, String release, String arch, String file, String outcome,
            boolean crawled, Map<String, PrefixDifference> differences) {
        public String label() {
            return distro + "-" + release + " " + arch;
        }
    }

    public record Result(long runId, Path directory, int updated, int unchanged, List<String> warnings,
            List<CellResult> cells) {
        public List<CellResult> withDifferences() {
            return cells.stream().filter(c -> !c.differences().isEmpty()).toList();
        }
    }

    /** Imports every record under {@code dir}, then rewrites the release snapshot beside an embedded database. */
    public Result importDirectory(Path dir) {
        Result result;
        try (CrawlRuns.Lease run = new CrawlRuns(db).start(CrawlRuns.Kind.IMPORT, "pep600 " + dir.toAbsolutePath())) {
            result = importDirectory(dir, run);
        }
        if (result.updated() > 0) {
            ReleaseSnapshot.refreshSnapshot(db);
        }
        return result;
    }

    private Result importDirectory(Path dir, CrawlRuns.Lease lease) {
        List<String> warnings = new ArrayList<>();
        Path location = dir.toAbsolutePath().normalize();
        List<Pep600Record> records = Pep600Dataset.read(location, warnings);
        long run = lease.id();
        int updated = 0;
        int unchanged = 0;
        List<String> outcomes = new ArrayList<>();
        try {
            // every record is valid: the distros and the source exist before the cells' transactions
            Map<String, String> distros = new LinkedHashMap<>();
            records.forEach(r -> distros.putIfAbsent(r.name().distro(), r.name().displayName()));
            ImportedCells store = new ImportedCells(db);
            int source = store.source(distros, SOURCE_NAME, location.toString());
            for (Pep600Record r : records) {
                boolean changed = store.write(facts(r, location), source, SOURCE_NAME, run);
                outcomes.add(changed ? "updated" : "unchanged");
                if (changed) {
                    updated++;
                } else {
                    unchanged++;
                }
            }
        } catch (RuntimeException e) {
            lease.error("pep600 " + location, null, Messages.of(e));
            lease.finish(RunStatus.FAILED, new CrawlRuns.Counters(updated, unchanged, 1, 0, 0));
            throw e;
        }
        Map<String, Map<String, Set<String>>> crawled = crawledVersions();
        List<CellResult> cells = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Pep600Record r = records.get(i);
            Map<String, Set<String>> crawledCell = crawled.get(key(r.name().distro(), r.name().release(), r.arch().wheelName()));
            cells.add(new CellResult(r.name().distro(), r.name().release(), r.arch().wheelName(),
                    location.relativize(r.path()).toString(), outcomes.get(i), crawledCell != null,
                    crawledCell == null ? Map.of() : differences(r, crawledCell)));
        }
        lease.finish(RunStatus.SUCCEEDED, new CrawlRuns.Counters(updated, unchanged, 0, 0, 0));
        return new Result(run, location, updated, unchanged, List.copyOf(warnings), List.copyOf(cells));
    }

    private static ImportedCellFacts facts(Pep600Record r, Path location) {
        return facts(r, location.relativize(r.path()).toString());
    }

    /** A record as the cell facts the store writes; {@code recordPath} is where the record came from. */
    static ImportedCellFacts facts(Pep600Record r, String recordPath) {
        Pep600Name n = r.name();
        Map<String, Set<String>> symbols = r.libzSymbols().isEmpty() ? Map.of()
                : Map.of(Pep600Record.LIBZ, new TreeSet<>(r.libzSymbols()));
        return new ImportedCellFacts(n.distro(), n.release(), ReleaseStatus.fromDb(n.status()), Libc.fromDb(r.libc()),
                r.glibcVersion(), r.arch(), r.sha256(), recordPath,
                new TreeSet<>(r.symbols().keySet()), r.versionNames(), symbols);
    }

    private static String key(String distro, String release, String arch) {
        return distro + "|" + release + "|" + arch;
    }

    /** Crawled version names of every crawled cell, by prefix. */
    private Map<String, Map<String, Set<String>>> crawledVersions() {
        Map<String, Map<String, Set<String>>> out = new HashMap<>();
        for (ImportedCells.CrawledVersion v : new ImportedCells(db).crawledVersions()) {
            out.computeIfAbsent(key(v.distro(), v.release(), v.arch()), k -> new HashMap<>())
                    .computeIfAbsent(SymbolVersions.prefix(v.name()), k -> new TreeSet<>())
                    .add(SymbolVersions.version(v.name()));
        }
        return out;
    }

    /** Per prefix the record covers: versions only the crawl found and versions only the record lists. */
    static Map<String, PrefixDifference> differences(Pep600Record r, Map<String, Set<String>> crawled) {
        Map<String, PrefixDifference> out = new LinkedHashMap<>();
        Comparator<String> order = SymbolVersions.VERSION_ORDER;
        r.symbols().forEach((prefix, versions) -> {
            Set<String> c = crawled.getOrDefault(prefix, Set.of());
            if (c.isEmpty()) {
                return; // the crawl did not read the library of this prefix (e.g. libz): nothing to compare
            }
            TreeSet<String> onlyCrawled = new TreeSet<>(order);
            onlyCrawled.addAll(c);
            versions.forEach(onlyCrawled::remove);
            TreeSet<String> onlyImported = new TreeSet<>(order);
            onlyImported.addAll(versions);
            onlyImported.removeAll(c);
            if (!onlyCrawled.isEmpty() || !onlyImported.isEmpty()) {
                out.put(prefix, new PrefixDifference(List.copyOf(onlyCrawled), List.copyOf(onlyImported)));
            }
        });
        return out;
    }
}
