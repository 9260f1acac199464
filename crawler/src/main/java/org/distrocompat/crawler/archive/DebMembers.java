package org.distrocompat.crawler.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * The file system a Debian binary package installs: the members of its {@code data.tar} (uncompressed or .gz,
 * .xz, .zst, .bz2), reached as one stream: ar → decompression → tar. The package's other ar members
 * ({@code control.tar.*}, signatures) are not part of the file system and are skipped.
 */
final class DebMembers implements MemberReader {
    private final ArArchiveInputStream ar;
    private MemberReader data;

    DebMembers(InputStream in) throws IOException {
        ar = new ArArchiveInputStream(in);
        ArArchiveEntry first = ar.getNextEntry();
        if (first == null || !first.getName().equals("debian-binary")) {
            throw new IOException("not a Debian package (no debian-binary member first)");
        }
    }

    @Override
    public Member next() throws IOException {
        if (data == null) {
            data = dataTar();
        }
        return data.next();
    }

    private MemberReader dataTar() throws IOException {
        ArArchiveEntry e;
        do {
            e = ar.getNextEntry();
            if (e == null) {
                throw new IOException("Debian package has no data.tar member");
            }
        } while (!e.getName().startsWith("data.tar"));
        // told by content, not by the member's suffix: the walk then agrees with what the bytes are
        BufferedInputStream in = new BufferedInputStream(CloseShieldInputStream.wrap(ar), 1 << 16);
        BufferedInputStream plain = new BufferedInputStream(Decompression.openByContent(in), 1 << 16);
        if (Format.detect(plain) != Format.TAR) {
            plain.close();
            throw new IOException(e.getName() + ": not a tar archive");
        }
        return new TarMembers(plain);
    }

    @Override
    public void close() throws IOException {
        // closing the tar releases its decompressor (zstd holds native memory); the ar closes the input
        try {
            if (data != null) {
                data.close();
            }
        } finally {
            ar.close();
        }
    }
}
