package org.distrocompat.crawler.archive;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An archive read member after member, in the style of commons-compress's archive streams: nothing is extracted,
 * nothing is held but the current member. Closing the reader closes the stream it reads. Most formats are read as
 * streams; a zip through its central directory, as installers read it (a zip stream is spilled to a temporary
 * file for that).
 */
public interface MemberReader extends Closeable {

    /** The next member, or null after the last one. The previous member's data is no longer readable. */
    Member next() throws IOException;

    /**
     * A reader of {@code in}, which holds an archive of {@code format} (as {@link Format#detect} told). A zip is
     * read through its central directory and so is first copied to a temporary file (see {@link #open(Format,
     * Path)} for one that is a file already).
     */
    static MemberReader open(Format format, InputStream in) throws IOException {
        return switch (format) {
            case DEB -> new DebMembers(in);
            case RPM -> RpmMembers.open(in);
            case AR -> new ArMembers(in);
            case TAR -> new TarMembers(in);
            case ZIP -> ZipMembers.open(in);
            default -> throw new IllegalArgumentException(format + " is not an archive format");
        };
    }

    /** A reader of the archive file {@code file}: a zip is read in place, any other format as a stream. */
    static MemberReader open(Format format, Path file) throws IOException {
        if (format == Format.ZIP) {
            return ZipMembers.open(file);
        }
        InputStream in = Files.newInputStream(file);
        try {
            return open(format, new BufferedInputStream(in, 1 << 16));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
