package org.distrocompat.crawler.store;

/** The crawl state of a release x arch as last stored: what an incremental crawl compares against. */
public record CellState(String releaseSha256, String packagesSha256) {
    public static final CellState NONE = new CellState(null, null);
}
