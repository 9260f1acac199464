/**
 * The contract between the crawl and an archive family: {@link org.distrocompat.crawler.source.PackageSource} and
 * {@link org.distrocompat.crawler.source.SourceCell}, the source-neutral records they speak in (release identity,
 * package references), the typed source configuration and the built-in catalog
 * ({@link org.distrocompat.crawler.source.SourcesFile}, {@link org.distrocompat.crawler.source.SourceKinds}). Each
 * family lives in a subpackage of its own.
 */
package org.distrocompat.crawler.source;
