/**
 * Writes: a crawled release x arch in one transaction ({@link org.distrocompat.db.repo.CellRepository}), imported
 * dataset cells ({@link org.distrocompat.db.repo.ImportedCells}), crawl and import runs with their locks
 * ({@link org.distrocompat.db.repo.CrawlRuns}); jdbi SQL objects beside them.
 */
package org.distrocompat.db.repo;
