package org.distrocompat.crawler.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads the wanted shared libraries out of a package that is a compressed tar of its file system, as one stream:
 * a pacman {@code .pkg.tar.zst} (or {@code .xz}, {@code .gz}), the compression told by the first bytes. Metadata
 * members ({@code .PKGINFO}, {@code .MTREE}, {@code .BUILDINFO}) are no libraries and are passed over; symlinks
 * are followed as in {@link DebReader}.
 */
public final class TarPackageReader {
    private TarPackageReader() {
    }

    /** The libraries {@code selector} wants; {@code pkg} is read to the end of the tar and left open. */
    public static List<ExtractedLibrary> readLibraries(InputStream pkg, LibrarySelector selector) throws IOException {
        BufferedInputStream in = new BufferedInputStream(CloseShieldInputStream.wrap(pkg), 1 << 16);
        Format format = Format.detect(in);
        if (!format.isCompression() && format != Format.TAR) {
            throw new IOException("not a tar package (" + format + ")");
        }
        InputStream tar = format.isCompression() ? Decompression.open(format, in) : in;
        try (MemberReader files = new TarMembers(tar)) {
            return PackageLibraries.read(files, selector);
        }
    }
}
