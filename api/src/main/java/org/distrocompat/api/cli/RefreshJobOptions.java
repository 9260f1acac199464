package org.distrocompat.api.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.core.refresh.CrawlEverySource;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.Home;
import picocli.CommandLine.Option;

/**
 * What a refresh does, shared by {@code refresh} and {@code serve --refresh-every}: crawl or not, from where, into
 * which directory.
 */
final class RefreshJobOptions {

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "where manylinux-policy.json and its .diff are written (default: $DISTROCOMPAT_HOME/policy)")
    Path outDir;

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

    /** Whether any of these options was given. */
    boolean given() {
        return outDir != null || noCrawl || sources != null || cache != null || aptDir != null;
    }

    Path outDir() {
        return outDir != null ? outDir : Home.current().policyDir();
    }

    /** The crawl step, or null with --no-crawl. */
    CrawlEverySource crawl() {
        return noCrawl ? null : new CrawlEverySource(sources, cache, aptDir, CrawlCommand::printSummary);
    }

    RefreshJob job(MainstreamConfig config, CrawlEverySource crawl) {
        return new RefreshJob(config, outDir(), Optional.ofNullable(crawl));
    }
}
