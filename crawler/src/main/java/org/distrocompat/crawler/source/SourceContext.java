package org.distrocompat.crawler.source;

import java.nio.file.Path;
import org.distrocompat.crawler.fetch.HttpFetcher;

/**
 * What a crawl lends its source: the fetcher (HTTP with retries and the verified content cache), a directory where
 * the source may remember things between runs (alias resolutions, index selections), and where to say what it is
 * doing.
 */
public record SourceContext(HttpFetcher fetcher, Path stateDir, Progress progress) {

    /** What a source says while it works; the crawl's progress display implements it. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        /** A phase of the crawl ("discovering the suites of …"). */
        default void message(String text) {
        }

        /** A cell is doing something ("main/binary-amd64/Packages", "libc6_2.36-9_amd64.deb"). */
        default void step(String cell, String what) {
        }
    }
}
