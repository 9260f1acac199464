package org.distrocompat.crawler.source;

import java.util.List;

/**
 * One archive family's way to the base libraries (glibc, libstdc++, libgcc, and musl where a distro uses it). A
 * source discovers the releases its archive serves and lists their release x arch cells; each {@link SourceCell}
 * then reads its verified package index, fetches packages and opens them as a stream of libraries. What a source
 * knows is its archive format and trust model; storing, history, parallelism and bookkeeping are the crawl's.
 *
 * <p>Adding an archive family means one package {@code crawler/source/<kind>} with a {@link SourceConfig} record,
 * an implementation of this interface, and one line in {@link SourceKinds}.
 */
public interface PackageSource {

    /**
     * The cells to crawl. A release that cannot be read (not served, bad signature, network fault) is reported to
     * {@code problems} and left out; the others are returned.
     */
    List<SourceCell> cells(Problems problems);

    /** Where a source reports what went wrong with part of it while the rest goes on. */
    @FunctionalInterface
    interface Problems {
        /**
         * @param scope what failed, e.g. "debian trixie" or "fedora 40 updates"
         * @param url   the resource that failed, or null
         */
        void report(String scope, String url, Exception error);
    }
}
