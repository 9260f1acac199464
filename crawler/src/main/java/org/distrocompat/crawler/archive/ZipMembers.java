package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * The members of a zip archive (wheel, jar), read front to back from the local headers: the central directory at
 * the end is not needed, so a zip can come as a stream (an upload, a member of another archive).
 */
final class ZipMembers implements MemberReader {
    /** A symbolic link's target is its data; Linux refuses longer targets than this (PATH_MAX). */
    private static final int MAX_LINK_BYTES = 4096;

    private final ZipArchiveInputStream zip;

    ZipMembers(InputStream in) {
        // names in UTF-8 or the Unicode extra field; STORED entries followed by a data descriptor are accepted,
        // some wheel and jar builders write them
        zip = new ZipArchiveInputStream(in, StandardCharsets.UTF_8.name(), true, true);
    }

    @Override
    public Member next() throws IOException {
        ZipArchiveEntry e = zip.getNextEntry();
        if (e == null) {
            return null;
        }
        InputStream none = InputStream.nullInputStream();
        if (e.isDirectory()) {
            return new Member(e.getName(), Member.Kind.DIRECTORY, null, 0, none);
        } else if (!zip.canReadEntryData(e)) {
            return new Member(e.getName(), Member.Kind.UNREADABLE, null, e.getSize(), none);
        } else if (e.isUnixSymlink()) {
            String target = new String(zip.readNBytes(MAX_LINK_BYTES), StandardCharsets.UTF_8);
            return new Member(e.getName(), Member.Kind.SYMLINK, target, e.getSize(), none);
        }
        return new Member(e.getName(), Member.Kind.FILE, null, e.getSize(), CloseShieldInputStream.wrap(zip));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
