package org.distrocompat.crawler.source;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.db.model.Arch;

/**
 * One release x arch of a {@link PackageSource}, with its signed metadata already verified. The crawl asks it, in
 * this order and only as far as needed: has the signed metadata changed ({@link #metadataSha256})? which packages
 * carry the base libraries ({@link #select})? download them ({@link #fetch}), then read them
 * ({@link #libraries}). Thread-safe: cells of one source are crawled in parallel.
 */
public interface SourceCell {

    ReleaseId release();

    Arch arch();

    /** The architecture as the archive names it ("arm64", "aarch64", "x86"), for messages in the distro's terms. */
    String archiveArch();

    /** Where the release lives in the archive, as the summary shows it: a suite ("bookworm"), a repo path. */
    String location();

    /** The mirror the cell is read from, recorded as the data's provenance. */
    String mirror();

    /** The SHA256 of the signed metadata the cell was found in: when it is the one stored, nothing changed. */
    String metadataSha256();

    /** The date the signed metadata carries, or null. */
    OffsetDateTime metadataDate();

    /**
     * What the summary should say about how the cell was trusted or assembled, or null: an archived release accepted
     * past its Valid-Until, a pocket the mirror does not serve.
     */
    default String note() {
        return null;
    }

    /** Reads the verified package index(es) and picks the packages that ship the base libraries. */
    Selection select() throws IOException;

    /** Downloads a selected package (or takes it from the cache) and checks it against the signed index. */
    void fetch(PackageRef p) throws IOException;

    /** Reads the wanted libraries out of a fetched package, as a stream, following symlinks inside it. */
    List<ExtractedLibrary> libraries(PackageRef p, LibrarySelector selector) throws IOException;

    /**
     * The packages of a cell that carry the base libraries.
     *
     * @param indexSha256 a digest of the index(es) they were selected from: when it is the one stored, no package
     *                    changed
     */
    record Selection(String indexSha256, List<PackageRef> packages) {
        public Selection {
            packages = List.copyOf(packages);
        }
    }
}
