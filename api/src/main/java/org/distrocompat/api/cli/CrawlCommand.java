package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.crawler.run.CellOutcome;
import org.distrocompat.crawler.run.CrawlProgress;
import org.distrocompat.crawler.run.CrawlRequest;
import org.distrocompat.crawler.run.CrawlSummary;
import org.distrocompat.crawler.run.Crawler;
import org.distrocompat.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crawl}: fetch, verify and store an apt archive's glibc, libstdc++ and libgcc per release x arch. */
@Command(name = "crawl", header = "Crawl apt, rpm-md, apk or pacman archives: verified, incremental",
        mixinStandardHelpOptions = true,
        description = {
            "Crawl an apt archive: every suite (discovered, or --suite) x architecture; verify the signed Release "
                    + "against the keyring, every index and package against its SHA256; store the version definitions "
                    + "and exported symbols of glibc, libstdc++ and libgcc per release x arch. Alpine (--source alpine, "
                    + "apk) and Arch Linux (--source archlinux, pacman: live mirror and dated archive) likewise, with "
                    + "their own trust rules (see the README).",
            "Or an rpm-md source (fedora, centos-stream, almalinux, rockylinux, opensuse, amazonlinux, ...): every "
                    + "configured release (or --suite) x architecture over its repositories (base + updates); "
                    + "repomd.xml and package header signatures verified against the keyring.",
            "The mirror comes from --mirror, the configuration ($DISTROCOMPAT_HOME/sources.json or --config) or "
                    + "this host's apt sources. Exit 0: all cells good; 1: some cell failed (see the summary); "
                    + "2: bad input."})
final class CrawlCommand extends CommandBase implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = "debian",
            description = "configured source to crawl: debian, ubuntu, fedora, almalinux, alpine, archlinux, ... (the "
                    + "built-in catalog) or one your configuration adds (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "mirror base URL (apt: the directory holding dists/ and pool/; rpm-md: see the README's layouts)")
    String mirror;

    @Option(names = "--suite", paramLabel = "SUITE", split = ",",
            description = "suites (rpm-md: releases) to crawl, comma-separated (default: discover every suite the mirror "
                    + "serves; rpm-md: the configured releases)")
    List<String> suites = new ArrayList<>();

    @Option(names = "--arch", paramLabel = "ARCH", split = ",",
            description = "architectures, distro or wheel names, comma-separated (default: all the Release lists)")
    List<String> arches = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "sources configuration (JSON)")
    Path config;

    @Option(names = "--keyring", paramLabel = "FILE", split = ",",
            description = "OpenPGP keyring(s) to verify Release files, repomd.xml and packages with")
    List<Path> keyrings = new ArrayList<>();

    @Option(names = "--unsigned", description = "accept Release files without verifying signatures (trusted sources only)")
    boolean unsigned;

    @Option(names = "--cache", paramLabel = "DIR", description = "download cache (default: $DISTROCOMPAT_HOME/cache)")
    Path cache;

    @Option(names = "--json", description = "print the summary as JSON on stdout")
    boolean json;

    @Option(names = "--quiet", description = "no progress and no summary unless something failed")
    boolean quiet;

    @Option(names = "--progress", description = "show progress even when stderr is not a terminal")
    boolean progress;

    /** Where the host's apt sources are (tests point this elsewhere). */
    @Option(names = "--apt-dir", paramLabel = "DIR", hidden = true)
    Path aptDir;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        CrawlRequest request = new CrawlRequest(source, mirror, suites, arches, config, keyrings, unsigned, cache, aptDir,
                String.join(" ", spec.commandLine().getParseResult().originalArgs()).replaceAll("(--db[= ])\\S+", "$1…"));
        // bad input (no mirror, missing keyring, unknown arch) fails before the database is opened
        Crawler.resolveConfig(request).validate();
        boolean showProgress = !quiet && (progress || System.console() != null);
        TerminalProgress tp = showProgress ? new TerminalProgress(err) : null;
        CrawlSummary summary;
        try (Database db = database.open()) {
            summary = new Crawler().crawl(db, request, tp == null ? CrawlProgress.NONE : tp);
        } finally {
            if (tp != null) {
                tp.close();
            }
        }
        if (json) {
            Json.print(out, toJson(summary));
        } else if (!quiet || !summary.ok()) {
            printSummary(out, summary);
        }
        if (!summary.ok()) {
            err.println("distrocompat: crawl: " + summary.failed() + " cell(s) failed, " + summary.errors().size()
                    + " error(s) recorded in crawl run " + summary.runId());
            err.flush();
            return ExitCodes.FAILED;
        }
        if (!summary.warnings().isEmpty()) {
            err.println("distrocompat: crawl: " + summary.warnings().size() + " warning(s): a new package version "
                    + "dropped version names (see 'history')");
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    static void printSummary(PrintWriter out, CrawlSummary s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CELL", "SUITE", "RESULT", "DETAIL"});
        for (CrawlSummary.Cell c : s.cells()) {
            rows.add(new String[] {c.label(), c.suite(), c.outcome().name().toLowerCase(), c.detail()});
        }
        if (rows.size() > 1) {
            Table.print(out, rows);
        }
        for (CrawlSummary.Problem p : s.errors()) {
            out.println("error: " + p.scope() + ": " + p.message());
        }
        for (CrawlSummary.Problem p : s.warnings()) {
            out.println("warning: " + p.scope() + ": " + p.message());
        }
        out.printf("crawl run %d %s: %d updated, %d unchanged, %d failed; %d requests, %s in %.1f s%n", s.runId(),
                s.status(), s.updated(), s.unchanged(), s.failed(), s.requests(), TerminalProgress.size(s.bytes()),
                s.elapsed().toMillis() / 1000.0);
        out.flush();
    }

    static Map<String, Object> toJson(CrawlSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", s.runId());
        m.put("status", s.status());
        m.put("updated", s.updated());
        m.put("unchanged", s.unchanged());
        m.put("failed", s.failed());
        m.put("requests", s.requests());
        m.put("bytes", s.bytes());
        m.put("seconds", s.elapsed().toMillis() / 1000.0);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (CrawlSummary.Cell c : s.cells()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("distro", c.distro());
            cm.put("release", c.release());
            cm.put("codename", c.codename());
            cm.put("suite", c.suite());
            cm.put("arch", c.arch());
            cm.put("result", c.outcome().name().toLowerCase());
            cm.put("detail", c.detail());
            cells.add(cm);
        }
        m.put("cells", cells);
        m.put("warnings", s.warnings().stream().map(w -> Map.of("scope", w.scope(), "message", w.message())).toList());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (CrawlSummary.Problem p : s.errors()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("scope", p.scope());
            em.put("url", p.url());
            em.put("message", p.message());
            errors.add(em);
        }
        m.put("errors", errors);
        return m;
    }

    /** One status line on stderr, redrawn at most five times a second. */
    static final class TerminalProgress implements CrawlProgress {
        private final PrintWriter err;
        private volatile int total;
        private int done;
        private int failed;
        private volatile long bytes;
        private String last = "";
        private long lastDraw;
        private final long start = System.nanoTime();

        TerminalProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void message(String text) {
            last = text;
            draw(true);
        }

        @Override
        public synchronized void planned(int cells) {
            total = cells;
            draw(true);
        }

        @Override
        public synchronized void step(String cell, String what) {
            last = cell + ": " + what;
            draw(false);
        }

        @Override
        public synchronized void finished(String cell, CellOutcome outcome, String detail) {
            done++;
            if (outcome == CellOutcome.FAILED) {
                failed++;
                err.print("\r\033[K");
                err.println("failed: " + cell + ": " + detail);
            }
            last = cell + ": " + outcome.name().toLowerCase();
            draw(true);
        }

        @Override
        public void bytes(long totalBytes) {
            bytes = totalBytes;
            long now = System.nanoTime();
            if (now - lastDraw > 200_000_000L) {
                synchronized (this) {
                    draw(false);
                }
            }
        }

        private void draw(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            String line = String.format("[%d/%d cells%s] %s  %.0f s  %s", done, total,
                    failed > 0 ? ", " + failed + " failed" : "", size(bytes), (now - start) / 1e9, last);
            if (line.length() > 150) {
                line = line.substring(0, 150);
            }
            err.print("\r\033[K" + line);
            err.flush();
        }

        synchronized void close() {
            err.print("\r\033[K");
            err.flush();
        }

        static String size(long b) {
            if (b < 1024) {
                return b + " B";
            }
            if (b < 1024 * 1024) {
                return String.format("%.1f KiB", b / 1024.0);
            }
            return String.format("%.1f MiB", b / (1024.0 * 1024));
        }
    }
}
