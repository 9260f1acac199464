package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads the wanted shared libraries out of a .deb as one stream: ar → data.tar.{xz,zst,gz,bz2} → tar, without
 * unpacking to disk. Symlinks inside the package are followed (libc.so.6 → libc-2.31.so), also across the
 * /lib ↔ /usr/lib split of merged-/usr layouts. A member whose name leaves the package fails it with an
 * {@link IOException} naming the member; see {@link PackageLibraries}.
 */
public final class DebReader {
    private DebReader() {
    }

    /** The libraries {@code selector} wants; {@code deb} is read up to the end of data.tar and left open. */
    public static List<ExtractedLibrary> readLibraries(InputStream deb, LibrarySelector selector) throws IOException {
        // the shield keeps the caller's stream open while closing the members releases the decompressor
        try (MemberReader files = new DebMembers(CloseShieldInputStream.wrap(deb))) {
            return PackageLibraries.read(files, selector);
        }
    }
}
