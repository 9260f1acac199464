package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/** The members of a Unix ar archive (BSD and GNU long names): regular files only, ar has nothing else. */
final class ArMembers implements MemberReader {
    private final ArArchiveInputStream ar;

    ArMembers(InputStream in) {
        ar = new ArArchiveInputStream(in);
    }

    @Override
    public Member next() throws IOException {
        ArArchiveEntry e = ar.getNextEntry();
        return e == null ? null
                : new Member(e.getName(), Member.Kind.FILE, null, e.getLength(), CloseShieldInputStream.wrap(ar));
    }

    @Override
    public void close() throws IOException {
        ar.close();
    }
}
