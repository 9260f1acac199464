package org.distrocompat.core.refresh;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.distrocompat.crawler.run.CrawlProgress;
import org.distrocompat.crawler.run.CrawlRequest;
import org.distrocompat.crawler.run.CrawlSummary;
import org.distrocompat.crawler.run.Crawler;
import org.distrocompat.crawler.source.SourceConfig;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.source.SourcesFile;
import org.distrocompat.db.Database;
import org.distrocompat.db.Home;

/**
 * The crawl before the policy is regenerated: every configured source (the built-in catalog plus
 * {@code sources.json}) that has a mirror, configured or from this host's apt sources. A source without one is
 * skipped with a note. A failed cell keeps its previous data, so the policy derived after it is consistent; the
 * failures are counted so the job can report them.
 */
public final class CrawlEverySource implements RefreshStep {
    private final Path sourcesFile;
    private final Path cache;
    private final Path hostAptDir;
    private final BiConsumer<PrintWriter, CrawlSummary> report;
    private int failedCells;
    private int warnings;

    /**
     * @param sourcesFile the configuration (null: {@code $DISTROCOMPAT_HOME/sources.json} when it exists)
     * @param cache       the download cache (null: the home's)
     * @param hostAptDir  where the host's apt sources are (null: /etc/apt)
     * @param report      prints a source's crawl summary
     */
    public CrawlEverySource(Path sourcesFile, Path cache, Path hostAptDir, BiConsumer<PrintWriter, CrawlSummary> report) {
        this.sourcesFile = sourcesFile;
        this.cache = cache;
        this.hostAptDir = hostAptDir;
        this.report = report;
    }

    /** Warnings of the last run (a new package version dropped version names); they make the refresh exit 1. */
    public int warnings() {
        return warnings;
    }

    /** Cells that failed in the last run (they kept their previous data). */
    public int failedCells() {
        return failedCells;
    }

    @Override
    public void run(Database db, PrintWriter out) {
        failedCells = 0;
        warnings = 0;
        Path config = sourcesFile != null ? sourcesFile : Home.current().sourcesFile();
        for (SourceConfig source : SourcesFile.load(config, sourcesFile != null).sources()) {
            CrawlRequest request = CrawlRequest.of(source.name()).withConfig(sourcesFile).withCacheDir(cache)
                    .withAptDir(hostAptDir);
            try {
                Crawler.resolveConfig(request);
            } catch (SourceConfigException e) {
                out.println("crawl " + source.name() + ": skipped: " + e.getMessage());
                continue;
            }
            CrawlSummary summary = new Crawler().crawl(db, request, CrawlProgress.NONE);
            report.accept(out, summary);
            failedCells += summary.failed();
            warnings += summary.warnings().size();
        }
    }
}
