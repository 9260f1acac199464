package org.distrocompat.db.repo;

/** The crawl state of a release x arch as last stored: what an incremental crawl compares against. */
public record CellState(String metadataSha256, String indexSha256) {
    public static final CellState NONE = new CellState(null, null);
}
