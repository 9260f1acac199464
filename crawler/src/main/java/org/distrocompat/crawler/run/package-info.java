/**
 * Crawl and import runs: {@link org.distrocompat.crawler.run.Crawler} lists a source's cells and crawls each in
 * one transaction ({@code CellCrawl}), recording the run with its counters and errors;
 * {@link org.distrocompat.crawler.run.Pep600Import} loads a pep600_compliance dataset. Source-neutral: what is
 * archive-specific lives under {@code crawler.source}.
 */
package org.distrocompat.crawler.run;
