package org.distrocompat.crawler.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An archive read as a stream, member after member, in the style of commons-compress's archive streams: nothing
 * is extracted, nothing is held but the current member. Closing the reader closes the stream it reads.
 */
public interface MemberReader extends Closeable {

    /** The next member, or null after the last one. The previous member's data is no longer readable. */
    Member next() throws IOException;

    /** A reader of {@code in}, which holds an archive of {@code format} (as {@link Format#detect} told). */
    static MemberReader open(Format format, InputStream in) throws IOException {
        return switch (format) {
            case DEB -> new DebMembers(in);
            case RPM -> RpmMembers.open(in);
            case AR -> new ArMembers(in);
            case TAR -> new TarMembers(in);
            case ZIP -> new ZipMembers(in);
            default -> throw new IllegalArgumentException(format + " is not an archive format");
        };
    }
}
