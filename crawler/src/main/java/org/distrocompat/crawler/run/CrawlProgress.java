package org.distrocompat.crawler.run;

/** Progress events of a crawl, for terminals and schedulers. Called from several threads. */
public interface CrawlProgress {
    CrawlProgress NONE = new CrawlProgress() {
    };

    /** A phase of the crawl ("discovering suites of ..."). */
    default void message(String text) {
    }

    /** The number of cells to crawl is known. */
    default void planned(int cells) {
    }

    /** A cell is doing something ("Packages.xz", "libc6_2.36-9_amd64.deb"). */
    default void step(String cell, String what) {
    }

    /** A cell is done. */
    default void finished(String cell, CellOutcome outcome, String detail) {
    }

    /** Bytes downloaded so far in this crawl. */
    default void bytes(long total) {
    }
}
