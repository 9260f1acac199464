package org.distrocompat.crawler.run;

/** How a release x arch cell ended in a crawl. */
public enum CellOutcome {
    /** New data stored (new packages, or first crawl). */
    UPDATED,
    /** The signed Release or the Packages index is the one stored: nothing fetched beyond it. */
    UNCHANGED,
    /** An error: the cell keeps its previous data. */
    FAILED
}
