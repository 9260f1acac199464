package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distrocompat.core.policy.PolicyPublisher;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.core.refresh.RefreshStep;
import org.distrocompat.crawler.run.CrawlConfigException;
import org.distrocompat.crawler.run.CrawlProgress;
import org.distrocompat.crawler.run.CrawlRequest;
import org.distrocompat.crawler.run.CrawlSummary;
import org.distrocompat.crawler.run.Crawler;
import org.distrocompat.crawler.run.SourceConfig;
import org.distrocompat.crawler.run.SourcesFile;
import org.distrocompat.db.Database;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code refresh}: the scheduled job — crawl, regenerate the policy file, publish it atomically with a diff. */
@Command(name = "refresh", header = "Scheduled job: crawl, then publish the policy with a diff", mixinStandardHelpOptions = true,
        description = {"Crawl every configured source, regenerate manylinux-policy.json into the output directory, "
                + "replace it atomically only when it changed and keep the diff next to it (manylinux-policy.json.diff).",
                "A run that fails midway leaves the previous files untouched. Plain 'refresh' suits cron; "
                        + "'refresh --every 24h' runs it on a schedule in one long-lived process."})
public final class RefreshCommand implements Callable<Integer> {

    /** Cells that failed in this run's crawl: reported, and the run exits 1, but the policy is still published. */
    private final AtomicInteger crawlFailures = new AtomicInteger();

    /**
     * The crawl before the policy is regenerated: every configured source (built-in debian and ubuntu, plus
     * $DISTROCOMPAT_HOME/sources.json) that has a mirror — configured or from this host's apt sources. A source
     * without one is skipped with a note. A failed cell keeps its previous data, so the policy derived after it
     * is consistent: it is published and the run exits 1. An exception (database gone, bad configuration)
     * fails the run before anything is published.
     */
    RefreshStep crawlStep() {
        return (db, out) -> {
            Path config = sources != null ? sources : Database.home().resolve("sources.json");
            for (SourceConfig source : SourcesFile.load(config, sources != null).sources()) {
                CrawlRequest request = CrawlRequest.of(source.name()).withConfig(sources).withCacheDir(cache)
                        .withAptDir(aptDir);
                try {
                    Crawler.resolveConfig(request);
                } catch (CrawlConfigException e) {
                    out.println("crawl " + source.name() + ": skipped: " + e.getMessage());
                    continue;
                }
                CrawlSummary summary = new Crawler().crawl(db, request, CrawlProgress.NONE);
                CrawlCommand.printSummary(out, summary);
                crawlFailures.addAndGet(summary.failed());
            }
            ReleaseSnapshot.refreshSnapshot(db);
        };
    }

    @Mixin
    DatabaseOptions database;

    @Mixin
    PolicyOptions policyOptions;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "where manylinux-policy.json and its .diff live (default: $DISTROCOMPAT_HOME/policy)")
    Path outDir;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "run on a schedule in this process: e.g. 24h, 6h, 30m, 1d, 90s (or ISO-8601 such as PT24H)")
    String every;

    @Option(names = "--no-crawl", description = "skip the crawl; regenerate from the database as it is")
    boolean noCrawl;

    @Option(names = "--sources", paramLabel = "FILE",
            description = "crawl configuration, as for 'crawl --config' (default: $DISTROCOMPAT_HOME/sources.json)")
    Path sources;

    @Option(names = "--cache", paramLabel = "DIR", description = "download cache (default: $DISTROCOMPAT_HOME/cache)")
    Path cache;

    /** Where the host's apt sources are (tests point this elsewhere). */
    @Option(names = "--apt-dir", paramLabel = "DIR", hidden = true)
    Path aptDir;

    @Option(names = "--runs", hidden = true, description = "stop after this many scheduled runs (tests)")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Duration interval = every == null ? null : parseDuration(every);
        Path dir = outDir != null ? outDir : Database.home().resolve("policy");
        Optional<RefreshStep> crawler = noCrawl ? Optional.empty() : Optional.of(crawlStep());
        RefreshJob job = new RefreshJob(policyOptions.config(), dir, crawler);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int done = 0;
        while (true) {
            Instant started = Instant.now();
            crawlFailures.set(0);
            boolean ok = runOnce(job, crawler.isPresent(), out, err) && crawlFailures.get() == 0;
            done++;
            if (interval == null) {
                return ok ? ExitCodes.OK : ExitCodes.FAILED;
            }
            if (runs > 0 && done >= runs) {
                return ExitCodes.OK;
            }
            Instant next = started.plus(interval);
            out.println("next run at " + next);
            out.flush();
            long wait = Duration.between(Instant.now(), next).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    }

    private boolean runOnce(RefreshJob job, boolean crawling, PrintWriter out, PrintWriter err) {
        out.println("refresh at " + Instant.now() + ": " + (crawling ? "crawling every configured source"
                : "--no-crawl: regenerating from the database only"));
        out.flush();
        try (Database db = database.open()) {
            PolicyPublisher.Outcome o = job.run(db, out);
            if (o.changed()) {
                out.println("updated " + o.file() + ": " + o.changes().size() + " change(s); diff in " + o.diffFile());
            } else {
                out.println("unchanged " + o.file());
            }
            if (crawlFailures.get() > 0) {
                err.println("distrocompat: refresh: " + crawlFailures.get() + " crawl cell(s) failed and kept their "
                        + "previous data; see the crawl summary above");
                err.flush();
            }
            out.flush();
            return true;
        } catch (RefreshJob.RefreshFailed | org.distrocompat.db.DatabaseException | IllegalArgumentException e) {
            err.println("distrocompat: refresh: " + e.getMessage());
            err.flush();
            return false;
        }
    }

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*([smhd])");

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new UserException("cannot read duration '" + text + "' (use e.g. 24h, 30m, 1d, 90s or PT24H)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new UserException("--every needs a positive duration, not '" + text + "'");
        }
        return d;
    }
}
