package org.distrocompat.crawler.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.fetch.ContentCache;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.HttpFetcher;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.source.SourceConfig;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.crawler.source.SourcesFile;
import org.distrocompat.db.Database;
import org.distrocompat.db.Home;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.model.RunStatus;
import org.distrocompat.db.repo.CellRepository;
import org.distrocompat.db.repo.CellState;
import org.distrocompat.db.repo.CrawlRuns;
import org.distrocompat.db.snapshot.ReleaseSnapshot;

/**
 * Crawls one configured source of any kind into the database: its cells are listed by the source, crawled a few at a
 * time ({@link CellCrawl}: each verified, read and stored in one transaction) and the run is recorded with its
 * counters and errors. A failing release or cell keeps its previous data and is recorded as an error of the run;
 * the others go on. Usable from the CLI and from a scheduler.
 */
public final class Crawler {
    private final HttpFetcher.Settings httpSettings;

    public Crawler() {
        this(HttpFetcher.Settings.defaults());
    }

    public Crawler(HttpFetcher.Settings httpSettings) {
        this.httpSettings = httpSettings;
    }

    /** The source configuration a request means: configuration file, then the request's overrides. */
    public static SourceConfig resolveConfig(CrawlRequest request) {
        Path file = request.config() != null ? request.config() : Home.current().sourcesFile();
        SourcesFile sources = SourcesFile.load(file, request.config() != null);
        SourceConfig src = sources.source(request.source()).orElseThrow(() -> new SourceConfigException(
                "unknown source '" + request.source() + "'; configured: "
                        + String.join(", ", sources.sources().stream().map(SourceConfig::name).toList())));
        return src.withOverrides(request.overrides());
    }

    /** Crawls; returns the summary (never throws for faults of single releases or cells). */
    public CrawlSummary crawl(Database db, CrawlRequest request, CrawlProgress progress) {
        long started = System.nanoTime();
        SourceConfig src = resolveConfig(request);
        Path cacheDir = request.cacheDir() != null ? request.cacheDir() : Home.current().cache();
        CrawlSummary summary;
        try (CrawlRuns.Lease run = new CrawlRuns(db).start(CrawlRuns.Kind.CRAWL, request.arguments())) {
            summary = crawl(db, src, cacheDir, progress, run, started);
        }
        // the write path keeps the check's snapshot in step with the database
        ReleaseSnapshot.refreshSnapshot(db);
        return summary;
    }

    private CrawlSummary crawl(Database db, SourceConfig src, Path cacheDir, CrawlProgress progress,
            CrawlRuns.Lease run, long started) {
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                run.interrupted();
            }
        }, "crawl-interrupted");
        addShutdownHook(hook);
        List<CrawlSummary.Problem> problems = Collections.synchronizedList(new ArrayList<>());
        List<CrawlSummary.Problem> warnings = Collections.synchronizedList(new ArrayList<>());
        CellCrawl.Problems report = (scope, url, e) -> {
            String where = url != null ? url : e instanceof FetchException f && f.uri() != null ? f.uri().toString()
                    : null;
            problems.add(new CrawlSummary.Problem(scope, where, Messages.of(e)));
            run.error(scope, where, Messages.of(e));
        };
        ContentCache cache = new ContentCache(cacheDir);
        cache.removeStaleTemporaryFiles(Duration.ofHours(1));
        List<CrawlSummary.Cell> cells;
        int requests;
        long bytes;
        try (HttpFetcher fetcher = new HttpFetcher(cache, httpSettings)) {
            fetcher.onBytes(n -> progress.bytes(fetcher.bytes()));
            List<SourceCell> planned = plan(src.open(new SourceContext(fetcher, cacheDir, progress))
                    .cells(report::report));
            progress.planned(planned.size());
            CellRepository store = new CellRepository(db);
            List<CellRepository.Unchanged> unchanged = Collections.synchronizedList(new ArrayList<>());
            CellCrawl.Context ctx = new CellCrawl.Context(src, store, new LibraryReader(selector(src)), progress,
                    report, unchanged, run.id(), warnings);
            cells = crawlCells(planned, store.states(src.distro()), ctx, src.parallelism());
            store.touch(src.distro(), unchanged, run.id());
            requests = fetcher.requests();
            bytes = fetcher.bytes();
        }
        int updated = count(cells, CellOutcome.UPDATED);
        int unchangedCount = count(cells, CellOutcome.UNCHANGED);
        int failed = count(cells, CellOutcome.FAILED);
        RunStatus status = failed == 0 && problems.isEmpty() ? RunStatus.SUCCEEDED
                : updated + unchangedCount == 0 ? RunStatus.FAILED : RunStatus.PARTIAL;
        if (finished.compareAndSet(false, true)) {
            run.finish(status, new CrawlRuns.Counters(updated, unchangedCount, failed, requests, bytes));
        }
        removeShutdownHook(hook);
        return new CrawlSummary(run.id(), status.dbName(), updated, unchangedCount, failed, requests, bytes,
                Duration.ofNanos(System.nanoTime() - started), cells, new ArrayList<>(problems), new ArrayList<>(warnings));
    }

    /** One cell per release x arch: two suite names for one release (--suite stable,trixie) make one cell. */
    private static List<SourceCell> plan(List<SourceCell> cells) {
        Set<CellRepository.CellKey> seen = new HashSet<>();
        List<SourceCell> out = new ArrayList<>();
        for (SourceCell c : cells) {
            if (seen.add(new CellRepository.CellKey(c.release().version(), c.arch()))) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<CrawlSummary.Cell> crawlCells(List<SourceCell> cells, Map<CellRepository.CellKey,
            CellState> states, CellCrawl.Context ctx, int parallelism) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, cells.size())), r -> {
            Thread t = new Thread(r, "crawl-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CrawlSummary.Cell>> futures = new ArrayList<>();
            for (SourceCell c : cells) {
                CellState state = states.getOrDefault(new CellRepository.CellKey(c.release().version(), c.arch()),
                        CellState.NONE);
                futures.add(c.metadataSha256().equals(state.metadataSha256())
                        ? CompletableFuture.completedFuture(CellCrawl.run(c, state, ctx)) // no request needed
                        : pool.submit(() -> CellCrawl.run(c, state, ctx)));
            }
            List<CrawlSummary.Cell> out = new ArrayList<>();
            for (Future<CrawlSummary.Cell> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw new DistrocompatException("crawl task failed: " + Messages.of(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistrocompatException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static LibrarySelector selector(SourceConfig src) {
        Set<String> sonames = new HashSet<>(LibrarySelector.BASE_SONAMES);
        sonames.addAll(src.libraries());
        return new LibrarySelector(sonames);
    }

    private static int count(List<CrawlSummary.Cell> cells, CellOutcome outcome) {
        return (int) cells.stream().filter(c -> c.outcome() == outcome).count();
    }

    private static void addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down
        }
    }
}
