package org.distrocompat.crawler.run;

import org.distrocompat.crawler.source.SourceContext;

/** Progress events of a crawl, for terminals and schedulers. Called from several threads. */
public interface CrawlProgress extends SourceContext.Progress {
    CrawlProgress NONE = new CrawlProgress() {
    };

    /** The number of cells to crawl is known. */
    default void planned(int cells) {
    }

    /** A cell is done. */
    default void finished(String cell, CellOutcome outcome, String detail) {
    }

    /** Bytes downloaded so far in this crawl. */
    default void bytes(long total) {
    }
}
