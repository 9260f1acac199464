package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * The members of a zip archive (wheel, jar) as installers see them: through the central directory, as pip and
 * auditwheel read a wheel, in the order the entries lie in the file. Before any member is handed out the layout is
 * checked ({@link ZipLayout}): a local header that disagrees with the central directory, or an entry hidden inside
 * another's data, fails the archive with one line. Stored entries followed by a data descriptor, zip64 and
 * entries with Unicode extra fields are read as the central directory describes them.
 *
 * <p>A zip needs random access. One that arrives as a stream (an upload, a jar inside a wheel or a tar) is first
 * copied to a private temporary file, which is removed when the reader closes.
 */
final class ZipMembers implements MemberReader {
    /** A symbolic link's target is its data; Linux refuses longer targets than this (PATH_MAX). */
    private static final int MAX_LINK_BYTES = 4096;

    private final SeekableByteChannel channel;
    private final ZipFile zip;
    private final Iterator<ZipArchiveEntry> entries;
    private final Path temporary;
    private final InputStream source;
    private InputStream current;

    private ZipMembers(SeekableByteChannel channel, ZipFile zip, List<ZipArchiveEntry> entries, Path temporary,
            InputStream source) {
        this.channel = channel;
        this.zip = zip;
        this.entries = entries.iterator();
        this.temporary = temporary;
        this.source = source;
    }

    /** Reads the zip file at {@code file}. */
    static ZipMembers open(Path file) throws IOException {
        return open(file, null, null);
    }

    /**
     * Copies the stream to a temporary file and reads that; the file goes, and the stream is closed, when the reader
     * closes.
     */
    static ZipMembers open(InputStream in) throws IOException {
        Path tmp = Files.createTempFile("distrocompat-zip-", ".zip"); // private to the user (0600)
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return open(tmp, tmp, in);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static ZipMembers open(Path file, Path temporary, InputStream source) throws IOException {
        SeekableByteChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ZipLayout.End end = ZipLayout.end(ch);
            ZipFile zip = ZipFile.builder().setSeekableByteChannel(ch).setCharset(StandardCharsets.UTF_8)
                    .setUseUnicodeExtraFields(true).get();
            List<ZipArchiveEntry> list = Collections.list(zip.getEntriesInPhysicalOrder());
            ZipLayout.check(ch, list, end.directoryOffset());
            return new ZipMembers(ch, zip, list, temporary, source);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e instanceof IOException io ? io : new IOException("malformed zip: " + e.getMessage(), e);
        }
    }

    @Override
    public Member next() throws IOException {
        closeCurrent();
        if (!entries.hasNext()) {
            return null;
        }
        ZipArchiveEntry e = entries.next();
        InputStream none = InputStream.nullInputStream();
        if (e.isDirectory()) {
            return new Member(e.getName(), Member.Kind.DIRECTORY, null, 0, none);
        } else if (!zip.canReadEntryData(e)) {
            return new Member(e.getName(), Member.Kind.UNREADABLE, null, e.getSize(), none);
        } else if (e.isUnixSymlink()) {
            String target;
            try (InputStream in = zip.getInputStream(e)) {
                target = new String(in.readNBytes(MAX_LINK_BYTES), StandardCharsets.UTF_8);
            }
            return new Member(e.getName(), Member.Kind.SYMLINK, target, e.getSize(), none);
        }
        current = zip.getInputStream(e);
        // closing the member's data (a nested archive's reader does) leaves the entry to this reader
        return new Member(e.getName(), Member.Kind.FILE, null, e.getSize(), CloseShieldInputStream.wrap(current));
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeCurrent();
            zip.close();
            channel.close();
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
            if (source != null) {
                source.close();
            }
        }
    }
}
