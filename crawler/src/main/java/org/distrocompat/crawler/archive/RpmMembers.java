package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.eclipse.packager.rpm.parse.RpmInputStream;

/**
 * The members of an RPM payload: a cpio archive (newc, as rpm writes it) whose names start with "./". A symbolic
 * link's target is its data. A file rpm hard-links carries its data in the last of its links only; the others have
 * no data and are left out (no base library is installed as a hard link).
 */
final class RpmMembers implements MemberReader {
    /** A symbolic link's target is its data; Linux refuses longer targets than this (PATH_MAX). */
    private static final int MAX_LINK_BYTES = 4096;

    private final CpioArchiveInputStream cpio;

    RpmMembers(CpioArchiveInputStream cpio) {
        this.cpio = cpio;
    }

    /** The payload of the RPM package {@code in} holds, without any check of its headers. */
    static RpmMembers open(InputStream in) throws IOException {
        RpmInputStream rpm = new RpmInputStream(in);
        try {
            rpm.getPayloadHeader(); // reads lead and headers and opens the payload's decoder
        } catch (RuntimeException e) {
            rpm.close();
            throw new IOException("not a readable RPM package: " + e.getMessage(), e);
        } catch (IOException e) {
            rpm.close();
            throw e;
        }
        return new RpmMembers(rpm.getCpioStream());
    }

    @Override
    public Member next() throws IOException {
        while (true) {
            CpioArchiveEntry e = cpio.getNextEntry();
            if (e == null) {
                return null;
            }
            if (e.isDirectory()) {
                return new Member(e.getName(), Member.Kind.DIRECTORY, null, 0, InputStream.nullInputStream());
            }
            if (e.isSymbolicLink()) {
                byte[] target = cpio.readNBytes(MAX_LINK_BYTES + 1);
                if (target.length > MAX_LINK_BYTES) {
                    throw new IOException(e.getName() + ": symbolic link target longer than " + MAX_LINK_BYTES);
                }
                return new Member(e.getName(), Member.Kind.SYMLINK, new String(target, StandardCharsets.UTF_8),
                        target.length, InputStream.nullInputStream());
            }
            if (e.isRegularFile()) {
                if (e.getSize() == 0 && e.getNumberOfLinks() > 1) {
                    continue; // an earlier link of a hard-linked file: its data comes with the last one
                }
                return new Member(e.getName(), Member.Kind.FILE, null, e.getSize(), CloseShieldInputStream.wrap(cpio));
            }
            return new Member(e.getName(), Member.Kind.OTHER, null, e.getSize(), InputStream.nullInputStream());
        }
    }

    @Override
    public void close() throws IOException {
        cpio.close();
    }
}
