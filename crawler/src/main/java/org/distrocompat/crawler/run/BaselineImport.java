package org.distrocompat.crawler.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.distrocompat.crawler.source.pep600.Pep600Record;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.RunStatus;
import org.distrocompat.db.repo.CrawlRuns;
import org.distrocompat.db.repo.ImportedCellFacts;
import org.distrocompat.db.repo.ImportedCells;
import org.distrocompat.db.snapshot.ReleaseSnapshot;

/**
 * The baseline shipped with distrocompat: the facts of the pep600_compliance records (the resource
 * {@code baseline/pep600-baseline.json.gz}, made by {@code scripts/baseline.py}, with the dataset's origin and MIT
 * licence notice inside), imported as the source {@code pep600_compliance} with provenance imported — the same
 * source and record hashes {@code import pep600} of that dataset gives, so a later import of it finds nothing
 * changed and a newer dataset replaces it cell by cell. Crawled data supersedes it per release x arch, as for any
 * import. Loaded in one bulk transaction.
 */
public final class BaselineImport {
    static final String RESOURCE = "/org/distrocompat/crawler/baseline/pep600-baseline.json.gz";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database db;

    public BaselineImport(Database db) {
        this.db = db;
    }

    /** What the baseline holds and what loading it did. */
    public record Result(long runId, String origin, int records, int written) {
    }

    /** The shipped records, parsed and checked as {@code import pep600} checks a dataset. */
    public static Baseline read() {
        try (InputStream raw = BaselineImport.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new DistrocompatException("the baseline resource " + RESOURCE + " is missing from this build");
            }
            JsonNode doc = MAPPER.readTree(new GZIPInputStream(raw, 1 << 16));
            List<Pep600Record> records = new ArrayList<>();
            for (JsonNode r : doc.get("records")) {
                String path = r.get("path").asText();
                int slash = path.indexOf('/');
                Arch arch = Arch.fromAnyName(path.substring(0, slash)).orElseThrow(() -> new DistrocompatException(
                        "baseline record " + path + ": unknown architecture"));
                Pep600Record parsed = Pep600Record.parse(Path.of(path), arch, MAPPER.writeValueAsBytes(r.get("record")));
                records.add(new Pep600Record(parsed.path(), parsed.arch(), parsed.name(), parsed.glibcVersion(),
                        parsed.symbols(), parsed.libzSymbols(), r.get("sha256").asText()));
            }
            return new Baseline(doc.get("dataset").asText(), doc.get("origin").asText(), doc.get("licence").asText(),
                    List.copyOf(records));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the baseline resource: " + e.getMessage(), e);
        }
    }

    /** The shipped dataset: its name, where it comes from, its licence notice and its records. */
    public record Baseline(String dataset, String origin, String licence, List<Pep600Record> records) {
    }

    /** Whether the database never held a release nor ran a crawl or import: a new home, where the baseline belongs. */
    public boolean isEmptyDatabase() {
        return new ImportedCells(db).isEmptyDatabase();
    }

    /** Loads the baseline (cells whose record is stored unchanged are skipped) and rewrites the snapshot. */
    public Result load() {
        Baseline b = read();
        Result result;
        try (CrawlRuns.Lease run = new CrawlRuns(db).start(CrawlRuns.Kind.IMPORT, "baseline " + b.origin())) {
            Map<String, String> distros = new LinkedHashMap<>();
            b.records().forEach(r -> distros.putIfAbsent(r.name().distro(), r.name().displayName()));
            ImportedCells store = new ImportedCells(db);
            int source = store.source(distros, Pep600Import.SOURCE_NAME, "distrocompat baseline: " + b.origin()
                    + " (" + b.licence().substring(0, b.licence().indexOf('.') + 1) + ")");
            List<ImportedCellFacts> facts = b.records().stream()
                    .map(r -> Pep600Import.facts(r, r.path().toString())).toList();
            int written = store.writeAll(facts, source, Pep600Import.SOURCE_NAME, run.id());
            run.finish(RunStatus.SUCCEEDED, new CrawlRuns.Counters(written, facts.size() - written, 0, 0, 0));
            result = new Result(run.id(), b.origin(), facts.size(), written);
        }
        if (result.written() > 0) {
            ReleaseSnapshot.refreshSnapshot(db);
        }
        return result;
    }
}
