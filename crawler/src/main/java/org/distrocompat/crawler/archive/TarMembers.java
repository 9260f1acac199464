package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/** The members of a tar archive (POSIX, GNU, PAX; long names and links resolved by commons-compress). */
final class TarMembers implements MemberReader {
    private final TarArchiveInputStream tar;

    TarMembers(InputStream in) {
        tar = new TarArchiveInputStream(in);
    }

    @Override
    public Member next() throws IOException {
        TarArchiveEntry e = tar.getNextEntry();
        if (e == null) {
            return null;
        }
        Member.Kind kind = kind(e);
        boolean link = kind == Member.Kind.SYMLINK || kind == Member.Kind.HARDLINK;
        return new Member(e.getName(), kind, link ? e.getLinkName() : null, e.getSize(),
                kind == Member.Kind.FILE ? CloseShieldInputStream.wrap(tar) : InputStream.nullInputStream());
    }

    private static Member.Kind kind(TarArchiveEntry e) {
        // the order matters: commons-compress's isFile() is also true for links and device files
        if (e.isDirectory()) {
            return Member.Kind.DIRECTORY;
        } else if (e.isSymbolicLink()) {
            return Member.Kind.SYMLINK;
        } else if (e.isLink()) {
            return Member.Kind.HARDLINK;
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            return Member.Kind.OTHER;
        }
        return e.isFile() ? Member.Kind.FILE : Member.Kind.OTHER;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
