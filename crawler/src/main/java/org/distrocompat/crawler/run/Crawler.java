package org.distrocompat.crawler.run;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distrocompat.crawler.archive.DebReader;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfReader;
import org.distrocompat.crawler.fetch.ContentCache;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.HttpFetcher;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.apt.AptRepository;
import org.distrocompat.crawler.source.apt.AptSources;
import org.distrocompat.crawler.source.apt.Keyring;
import org.distrocompat.crawler.source.apt.PackageEntry;
import org.distrocompat.crawler.source.apt.ReleaseFile;
import org.distrocompat.crawler.source.apt.SuiteDiscovery;
import org.distrocompat.crawler.store.CellFacts;
import org.distrocompat.crawler.store.CellState;
import org.distrocompat.crawler.store.CellStore;
import org.distrocompat.crawler.store.LibraryFacts;
import org.distrocompat.crawler.store.PackageFacts;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.repo.CrawlRunRepository;

/**
 * Crawls an apt source into the database: suites (given or discovered) x architectures, each release x arch
 * cell fetched, verified, read and stored in one transaction. A failing cell keeps its previous data and is
 * recorded as an error of the crawl run; the others go on. Usable from the CLI and from a scheduler.
 */
public final class Crawler {
    /** Names of the package that ships glibc's libc.so.6 on the various architectures. */
    public static final Set<String> LIBC_PACKAGES = Set.of("libc6", "libc6.1", "libc0.1", "libc0.3");

    private final HttpFetcher.Settings httpSettings;

    public Crawler() {
        this(HttpFetcher.Settings.defaults());
    }

    public Crawler(HttpFetcher.Settings httpSettings) {
        this.httpSettings = httpSettings;
    }

    /** The source configuration a request means: configuration file, then the request's overrides. */
    public static SourceConfig resolveConfig(CrawlRequest request) {
        Path file = request.config() != null ? request.config() : Database.home().resolve("sources.json");
        SourcesFile sources = SourcesFile.load(file, request.config() != null);
        SourceConfig src = sources.source(request.source()).orElseThrow(() -> new CrawlConfigException(
                "unknown source '" + request.source() + "'; configured: "
                        + String.join(", ", sources.sources().stream().map(SourceConfig::name).toList())));
        if (!request.suites().isEmpty()) {
            src = src.withSuites(request.suites());
        }
        if (!request.architectures().isEmpty()) {
            src = src.withArchitectures(request.architectures());
        }
        for (String a : src.architectures()) {
            try {
                Arch.parse(a);
            } catch (IllegalArgumentException e) {
                throw new CrawlConfigException(e.getMessage());
            }
        }
        if (!request.keyrings().isEmpty()) {
            src = src.withKeyrings(request.keyrings().stream().map(Path::toString).toList());
        }
        if (request.unsigned()) {
            src = src.withUnsigned(true);
        }
        List<SourceConfig.Mirror> mirrors = new ArrayList<>(src.mirrors());
        if (mirrors.isEmpty()) {
            throw new CrawlConfigException("source '" + src.name() + "' has no mirrors configured");
        }
        if (request.mirror() != null && !request.mirror().isBlank()) {
            mirrors.set(0, mirrors.get(0).withUrl(request.mirror().strip()));
        }
        AptSources host = null;
        List<SourceConfig.Mirror> resolved = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            SourceConfig.Mirror m = mirrors.get(i);
            String url = m.url();
            if (url == null || url.isBlank()) {
                if (host == null) {
                    host = AptSources.read(request.aptDir() != null ? request.aptDir() : Path.of("/etc/apt"));
                }
                String name = m.aptSourcesName() == null ? src.distro() : m.aptSourcesName();
                url = host.mirrorFor(name).map(URI::toString).orElse(null);
            }
            if (url == null) {
                if (i == 0) {
                    throw new CrawlConfigException("no mirror for " + src.name() + ": none configured and the host's apt "
                            + "sources name none; pass --mirror URL (or set it in sources.json)");
                }
                continue; // a further layout (e.g. ports) this host has no mirror for
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new CrawlConfigException("bad mirror URL '" + url + "'");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new CrawlConfigException("mirror URL must be http or https: '" + url + "'");
            }
            resolved.add(m.withUrl(url.replaceAll("/+$", "")));
        }
        return src.withMirrors(resolved);
    }

    /** The keyring a source is verified with (null when it is configured as unsigned); one clear error when missing. */
    public static Keyring keyring(SourceConfig src) {
        if (src.unsigned()) {
            return null;
        }
        List<Path> present = new ArrayList<>();
        for (String k : src.keyrings()) {
            if (Files.isRegularFile(Path.of(k))) {
                present.add(Path.of(k));
            }
        }
        if (present.isEmpty()) {
            throw new CrawlConfigException("no keyring for " + src.name() + ": "
                    + (src.keyrings().isEmpty() ? "none configured" : "none of " + String.join(", ", src.keyrings()) + " exists")
                    + "; pass --keyring FILE (or --unsigned for a source you trust otherwise)");
        }
        try {
            return Keyring.load(present);
        } catch (IOException e) {
            throw new CrawlConfigException(e.getMessage());
        }
    }

    private record CellTask(AptRepository repo, SuiteDiscovery.Suite suite, String debArch, Arch arch,
            ReleaseIdentity id) {
    }

    /** Crawls; returns the summary (never throws for faults of single suites or cells). */
    public CrawlSummary crawl(Database db, CrawlRequest request, CrawlProgress progress) {
        long started = System.nanoTime();
        SourceConfig src = resolveConfig(request);
        Keyring keyring = keyring(src);
        Path cacheDir = request.cacheDir() != null ? request.cacheDir() : Database.home().resolve("cache");
        CrawlRunRepository runs = db.jdbi().onDemand(CrawlRunRepository.class);
        // the run holds an advisory lock for its lifetime, so a later crawl can tell a killed run from a live one
        org.jdbi.v3.core.Handle lock = db.jdbi().open();
        long runId;
        try {
            markAbandonedRuns(lock);
            runId = lock.inTransaction(h -> {
                long id = h.attach(CrawlRunRepository.class).start("crawl", request.arguments());
                h.createQuery("SELECT pg_advisory_lock(:ns, :id)").bind("ns", RUN_LOCK_NAMESPACE).bind("id", (int) id)
                        .mapTo(String.class).one();
                return id;
            });
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            return crawl(db, request, progress, src, keyring, cacheDir, runs, runId, started);
        } finally {
            lock.close();
        }
    }

    /** Namespace of the advisory locks that running crawls hold (the second key is the run id). */
    private static final int RUN_LOCK_NAMESPACE = 0x44430001;

    /** Runs left 'running' by a killed process (nobody holds their lock) become 'interrupted'. */
    private static void markAbandonedRuns(org.jdbi.v3.core.Handle h) {
        List<Long> running = h.createQuery("SELECT id FROM crawl_run WHERE status = 'running'").mapTo(Long.class).list();
        for (long id : running) {
            boolean free = h.createQuery("SELECT pg_try_advisory_lock(:ns, :id)").bind("ns", RUN_LOCK_NAMESPACE)
                    .bind("id", (int) id).mapTo(Boolean.class).one();
            if (free) {
                h.createUpdate("""
                                UPDATE crawl_run SET status = 'interrupted', finished_at = coalesce(finished_at, now())
                                WHERE id = :id AND status = 'running'""")
                        .bind("id", id).execute();
                h.createQuery("SELECT pg_advisory_unlock(:ns, :id)").bind("ns", RUN_LOCK_NAMESPACE).bind("id", (int) id)
                        .mapTo(Boolean.class).one();
            }
        }
    }

    private CrawlSummary crawl(Database db, CrawlRequest request, CrawlProgress progress, SourceConfig src,
            Keyring keyring, Path cacheDir, CrawlRunRepository runs, long runId, long started) {
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                try {
                    db.jdbi().useHandle(h -> h.execute(
                            "UPDATE crawl_run SET status = 'interrupted', finished_at = now() WHERE id = ?", runId));
                } catch (RuntimeException ignored) {
                    // the database may be going away too
                }
            }
        }, "crawl-interrupted");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        List<CrawlSummary.Problem> problems = Collections.synchronizedList(new ArrayList<>());
        List<CrawlSummary.Cell> cells = new ArrayList<>();
        CellStore store = new CellStore(db);
        int requests;
        long bytes;
        ContentCache cache = new ContentCache(cacheDir);
        cache.removeStaleTemporaryFiles(Duration.ofHours(1));
        try (HttpFetcher fetcher = new HttpFetcher(cache, httpSettings)) {
            fetcher.onBytes(n -> progress.bytes(fetcher.bytes()));
            List<CellTask> tasks = new ArrayList<>();
            Set<String> planned = new HashSet<>();
            for (SourceConfig.Mirror m : src.mirrors()) {
                AptRepository repo = new AptRepository(URI.create(m.url()), fetcher, keyring);
                for (SuiteDiscovery.Suite suite : suites(src, repo, cacheDir, progress, problems, runs, runId)) {
                    ReleaseIdentity id = ReleaseIdentity.of(suite.release(), suite.path(), src.releaseVersion());
                    for (Map.Entry<String, Arch> a : architectures(suite.release(), m, src).entrySet()) {
                        // two suite names for one release (--suite stable,trixie) make one cell, not two
                        if (planned.add(CellStore.key(id.version(), a.getValue().wheelName()))) {
                            tasks.add(new CellTask(repo, suite, a.getKey(), a.getValue(), id));
                        }
                    }
                }
            }
            Map<String, CellState> states = store.states(src.distro());
            List<CellStore.Unchanged> unchanged = Collections.synchronizedList(new ArrayList<>());
            progress.planned(tasks.size());
            Set<String> packages = new LinkedHashSet<>(src.packages());
            Set<String> sonames = new HashSet<>(LibrarySelector.BASE_SONAMES);
            sonames.addAll(src.libraries());
            LibrarySelector selector = new LibrarySelector(sonames);
            Map<String, CompletableFuture<List<LibraryFacts>>> parsed = new ConcurrentHashMap<>();
            int threads = Math.max(1, Math.min(src.parallelism(), tasks.size()));
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "crawl-cell");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<CrawlSummary.Cell>> futures = new ArrayList<>();
                for (CellTask t : tasks) {
                    CellState state = states.getOrDefault(CellStore.key(t.id().version(), t.arch().wheelName()),
                            CellState.NONE);
                    if (t.suite().release().sha256().equals(state.releaseSha256())) {
                        // an unchanged signed Release: nothing more to fetch for this cell
                        unchanged.add(new CellStore.Unchanged(t.id().version(), t.arch().wheelName(),
                                t.suite().release().sha256()));
                        futures.add(CompletableFuture.completedFuture(
                                done(progress, cell(src, t), CellOutcome.UNCHANGED, "Release unchanged")));
                        continue;
                    }
                    futures.add(pool.submit(() -> crawlCell(t, state, src, cacheDir, packages, selector, parsed, store, runs,
                            runId, problems, progress, unchanged)));
                }
                for (Future<CrawlSummary.Cell> f : futures) {
                    try {
                        cells.add(f.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("crawl task failed: " + e.getCause(), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            store.touch(src.distro(), unchanged, runId);
            requests = fetcher.requests();
            bytes = fetcher.bytes();
        }
        int updated = (int) cells.stream().filter(c -> c.outcome() == CellOutcome.UPDATED).count();
        int unchanged = (int) cells.stream().filter(c -> c.outcome() == CellOutcome.UNCHANGED).count();
        int failed = (int) cells.stream().filter(c -> c.outcome() == CellOutcome.FAILED).count();
        String status = failed == 0 && problems.isEmpty() ? "succeeded"
                : updated + unchanged == 0 ? "failed" : "partial";
        if (finished.compareAndSet(false, true)) {
            runs.finish(runId, status, updated, unchanged, failed, requests, bytes);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down
        }
        return new CrawlSummary(runId, status, updated, unchanged, failed, requests, bytes,
                Duration.ofNanos(System.nanoTime() - started), cells, new ArrayList<>(problems));
    }

    private static List<SuiteDiscovery.Suite> suites(SourceConfig src, AptRepository repo, Path cacheDir,
            CrawlProgress progress, List<CrawlSummary.Problem> problems, CrawlRunRepository runs, long runId) {
        List<SuiteDiscovery.Suite> out = new ArrayList<>();
        if (!src.suites().isEmpty()) {
            progress.message("reading the Release files of " + String.join(", ", src.suites()));
            for (AptRepository.ReleaseResult rr : repo.releases(src.suites())) {
                if (rr.error() == null) {
                    out.add(new SuiteDiscovery.Suite(rr.suite(), rr.release()));
                } else {
                    problem(problems, runs, runId, src.name() + " " + rr.suite(),
                            urlOf(rr.error(), repo.resolve("dists/" + rr.suite() + "/")), rr.error());
                }
            }
            return out;
        }
        progress.message("discovering the suites of " + repo.location());
        try {
            Path state = cacheDir.resolve("suites").resolve(Sha256.hex(repo.location().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16) + ".json");
            SuiteDiscovery.Result r = SuiteDiscovery.discover(repo, src.aliases(), src.listing(), src.skipSuites(),
                    state, Duration.ofMinutes(src.discoveryTtlMinutes()));
            for (SuiteDiscovery.Problem p : r.problems()) {
                problem(problems, runs, runId, src.name() + " " + p.path(),
                        urlOf(p.error(), repo.resolve("dists/" + p.path() + "/")), p.error());
            }
            out.addAll(r.suites());
        } catch (IOException e) {
            problem(problems, runs, runId, src.name(), urlOf(e, repo.resolve("dists/")), e);
        }
        return out;
    }

    /** Debian architecture name → wheel arch, for the architectures the Release lists and the crawl wants. */
    static Map<String, Arch> architectures(ReleaseFile release, SourceConfig.Mirror mirror, SourceConfig src) {
        Set<Arch> wanted = new HashSet<>();
        for (String a : src.architectures()) {
            wanted.add(Arch.parse(a));
        }
        Map<String, Arch> out = new LinkedHashMap<>();
        for (String a : release.architectures()) {
            if (a.equals("all") || !mirror.architectures().isEmpty() && !mirror.architectures().contains(a)) {
                continue;
            }
            Arch.fromAnyName(a).filter(w -> wanted.isEmpty() || wanted.contains(w))
                    .filter(w -> !out.containsValue(w)).ifPresent(w -> out.put(a, w));
        }
        return out;
    }

    private static CrawlSummary.Cell cell(SourceConfig src, CellTask t) {
        return new CrawlSummary.Cell(src.distro(), t.id().version(), t.id().codename(), t.suite().path(),
                t.arch().wheelName(), null, null);
    }

    private CrawlSummary.Cell crawlCell(CellTask t, CellState state, SourceConfig src, Path cacheDir, Set<String> packages,
            LibrarySelector selector, Map<String, CompletableFuture<List<LibraryFacts>>> parsed, CellStore store,
            CrawlRunRepository runs, long runId, List<CrawlSummary.Problem> problems, CrawlProgress progress,
            List<CellStore.Unchanged> unchanged) {
        ReleaseFile release = t.suite().release();
        String wheel = t.arch().wheelName();
        CrawlSummary.Cell cell = cell(src, t);
        String label = cell.label();
        URI current = t.repo().resolve("dists/" + t.suite().path() + "/");
        try {
            List<PackageEntry> entries = new ArrayList<>();
            StringBuilder indexDigests = new StringBuilder();
            for (String component : src.components()) {
                progress.step(label, component + "/binary-" + t.debArch() + "/Packages");
                current = t.repo().resolve("dists/" + t.suite().path() + "/" + component + "/binary-" + t.debArch() + "/");
                AptRepository.Index index = t.repo().packagesIndex(t.suite().path(), release, component, t.debArch(),
                        src.indexCompression());
                indexDigests.append(index.entry().sha256());
                entries.addAll(selection(index, packages, cacheDir));
            }
            String packagesSha = src.components().size() == 1 ? indexDigests.toString()
                    : Sha256.hex(indexDigests.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (packagesSha.equals(state.packagesSha256())) {
                unchanged.add(new CellStore.Unchanged(t.id().version(), wheel, release.sha256()));
                return done(progress, cell, CellOutcome.UNCHANGED, "Packages unchanged");
            }
            Map<String, PackageEntry> unique = new LinkedHashMap<>();
            for (PackageEntry e : entries) {
                unique.putIfAbsent(e.name() + "\0" + e.sha256(), e);
            }
            if (unique.values().stream().noneMatch(e -> LIBC_PACKAGES.contains(e.name()))) {
                throw new IOException("the Packages index lists no libc6 for " + t.debArch());
            }
            Set<String> known = store.knownPackages(unique.values().stream().map(PackageEntry::sha256)
                    .collect(java.util.stream.Collectors.toSet()));
            for (PackageEntry e : unique.values()) {
                // download everything first: a package the mirror lacks fails the cell before any parsing
                if (!known.contains(e.sha256())) {
                    current = t.repo().resolve(e.filename());
                    progress.step(label, e.filename().substring(e.filename().lastIndexOf('/') + 1));
                    t.repo().deb(e);
                }
            }
            String glibc = null;
            List<PackageFacts> facts = new ArrayList<>();
            for (PackageEntry e : unique.values()) {
                URI url = t.repo().resolve(e.filename());
                current = url;
                if (LIBC_PACKAGES.contains(e.name())) {
                    glibc = PackageEntry.upstreamVersion(e.version());
                }
                List<LibraryFacts> libs = null;
                if (!known.contains(e.sha256())) {
                    progress.step(label, "reading " + e.name());
                    libs = libraries(t.repo(), e, selector, parsed);
                }
                facts.add(new PackageFacts(e.name(), e.version(), e.sourceName(), e.sourceVersion(), e.sha256(),
                        e.size(), url.toString(), libs));
            }
            current = null;
            progress.step(label, "storing");
            CellStore.Result r = store.write(new CellFacts(src.distro(), src.displayName(), t.id().version(),
                    t.id().codename(), t.id().status(), glibc, release.date(), wheel, src.name(), t.repo().location(),
                    release.sha256(), packagesSha, facts), runId);
            return done(progress, cell, CellOutcome.UPDATED,
                    r.packagesAdded() + " new package(s), " + r.librariesAdded() + " new librar"
                            + (r.librariesAdded() == 1 ? "y" : "ies"));
        } catch (IOException | RuntimeException e) {
            problem(problems, runs, runId, src.name() + " " + t.suite().path() + " " + t.debArch(), urlOf(e, current), e);
            return done(progress, cell, CellOutcome.FAILED, message(e));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The wanted packages of a verified index. The selection is remembered beside the cache, keyed by the index's
     * SHA256, so a cell that is retried (say, for a package the mirror lacks) does not decompress the index again.
     */
    static List<PackageEntry> selection(AptRepository.Index index, Set<String> wanted, Path cacheDir) throws IOException {
        String names = String.join(",", new java.util.TreeSet<>(wanted));
        Path file = cacheDir.resolve("selections").resolve(index.entry().sha256() + "-"
                + Sha256.hex(names.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16) + ".json");
        if (Files.isRegularFile(file)) {
            try {
                return List.of(JSON.readValue(file.toFile(), PackageEntry[].class));
            } catch (IOException e) {
                // unreadable: scan the index again
            }
        }
        List<PackageEntry> entries = AptRepository.packages(index, wanted);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "sel-", ".tmp");
            JSON.writeValue(tmp.toFile(), entries);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // remembering is an optimisation only
        }
        return entries;
    }

    private static List<LibraryFacts> libraries(AptRepository repo, PackageEntry e, LibrarySelector selector,
            Map<String, CompletableFuture<List<LibraryFacts>>> parsed) throws IOException {
        CompletableFuture<List<LibraryFacts>> mine = new CompletableFuture<>();
        CompletableFuture<List<LibraryFacts>> other = parsed.putIfAbsent(e.sha256(), mine);
        if (other != null) {
            try {
                return other.get();
            } catch (ExecutionException ex) {
                throw ex.getCause() instanceof IOException io ? io : new IOException(message(ex.getCause()), ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
        try {
            Path deb = repo.deb(e);
            List<ExtractedLibrary> libs;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(deb), 1 << 16)) {
                libs = DebReader.readLibraries(in, selector);
            }
            if (LIBC_PACKAGES.contains(e.name()) && libs.stream().noneMatch(l -> l.soname().startsWith("libc.so."))) {
                throw new IOException(e.filename() + ": no libc.so.6 in the package");
            }
            List<LibraryFacts> out = new ArrayList<>();
            for (ExtractedLibrary l : libs) {
                ElfFile f;
                try {
                    f = ElfReader.read(ByteBuffer.wrap(l.data()));
                } catch (IOException ex) {
                    throw new IOException(e.filename() + l.path() + ": " + ex.getMessage(), ex);
                }
                out.add(new LibraryFacts(l.soname(), l.path(), Sha256.hex(l.data()), l.data().length, f.machine(),
                        f.arch(), f.soname(), f.definitions(), f.exportedSymbols()));
            }
            mine.complete(out);
            return out;
        } catch (IOException | RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
    }

    private static CrawlSummary.Cell done(CrawlProgress progress, CrawlSummary.Cell c, CellOutcome outcome,
            String detail) {
        CrawlSummary.Cell out = new CrawlSummary.Cell(c.distro(), c.release(), c.codename(), c.suite(), c.arch(),
                outcome, detail);
        progress.finished(c.label(), outcome, detail);
        return out;
    }

    private static void problem(List<CrawlSummary.Problem> problems, CrawlRunRepository runs, long runId, String scope,
            URI url, Throwable e) {
        String msg = message(e);
        String u = url == null ? null : url.toString();
        problems.add(new CrawlSummary.Problem(scope, u, msg));
        try {
            runs.error(runId, scope, u, msg);
        } catch (RuntimeException ignored) {
            // the summary still has it
        }
    }

    private static URI urlOf(Throwable e, URI fallback) {
        return e instanceof FetchException f && f.uri() != null ? f.uri() : fallback;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
