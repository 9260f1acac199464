package org.distrocompat.crawler.run;

import java.nio.file.Path;
import java.util.List;
import org.distrocompat.crawler.source.Overrides;

/**
 * What to crawl: a configured source with overrides. Null or empty fields take the configuration's values.
 *
 * @param source        the source name (debian, ubuntu, or one the configuration adds)
 * @param mirror        mirror URL overriding the configured one (the first archive layout)
 * @param suites        releases (apt suites) to crawl; empty: the configured ones, or discovery
 * @param architectures architectures (distro or wheel names); empty: the configured ones, or all
 * @param config        configuration file; null: {@code $DISTROCOMPAT_HOME/sources.json} when it exists
 * @param keyrings      keyrings overriding the configured ones
 * @param unsigned      accept unsigned Release files (overrides the configuration when true)
 * @param cacheDir      content-addressed download cache; null: {@code $DISTROCOMPAT_HOME/cache}
 * @param aptDir        where the host's apt sources are; null: /etc/apt
 * @param arguments     how the crawl was asked for, recorded in crawl_run
 */
public record CrawlRequest(String source, String mirror, List<String> suites, List<String> architectures, Path config,
        List<Path> keyrings, boolean unsigned, Path cacheDir, Path aptDir, String arguments) {

    public CrawlRequest {
        source = source == null || source.isBlank() ? "debian" : source;
        suites = suites == null ? List.of() : List.copyOf(suites);
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        keyrings = keyrings == null ? List.of() : List.copyOf(keyrings);
    }

    /** What this request changes in the configured source. */
    public Overrides overrides() {
        return new Overrides(mirror, suites, architectures, keyrings, unsigned, aptDir);
    }

    /** A request for one source with everything else from the configuration. */
    public static CrawlRequest of(String source) {
        return new CrawlRequest(source, null, List.of(), List.of(), null, List.of(), false, null, null, source);
    }

    public CrawlRequest withMirror(String m) {
        return new CrawlRequest(source, m, suites, architectures, config, keyrings, unsigned, cacheDir, aptDir, arguments);
    }

    public CrawlRequest withSuites(List<String> s) {
        return new CrawlRequest(source, mirror, s, architectures, config, keyrings, unsigned, cacheDir, aptDir, arguments);
    }

    public CrawlRequest withArchitectures(List<String> a) {
        return new CrawlRequest(source, mirror, suites, a, config, keyrings, unsigned, cacheDir, aptDir, arguments);
    }

    public CrawlRequest withKeyrings(List<Path> k) {
        return new CrawlRequest(source, mirror, suites, architectures, config, k, unsigned, cacheDir, aptDir, arguments);
    }

    public CrawlRequest withCacheDir(Path c) {
        return new CrawlRequest(source, mirror, suites, architectures, config, keyrings, unsigned, c, aptDir, arguments);
    }

    public CrawlRequest withAptDir(Path a) {
        return new CrawlRequest(source, mirror, suites, architectures, config, keyrings, unsigned, cacheDir, a, arguments);
    }

    public CrawlRequest withConfig(Path c) {
        return new CrawlRequest(source, mirror, suites, architectures, c, keyrings, unsigned, cacheDir, aptDir, arguments);
    }

    public CrawlRequest withUnsigned(boolean u) {
        return new CrawlRequest(source, mirror, suites, architectures, config, keyrings, u, cacheDir, aptDir, arguments);
    }
}
