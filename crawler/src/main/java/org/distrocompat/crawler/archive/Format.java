package org.distrocompat.crawler.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.List;

/**
 * What a stream holds, told by its first bytes: an archive, a compressed stream, an ELF file or something else.
 * This is the one place that knows the formats' signatures; file names are not trusted (a wheel is a zip, a
 * {@code .so.gz} may be anything). The constants are tried in declaration order, so a more specific signature
 * comes before a more general one ({@link #DEB} before {@link #AR}).
 */
public enum Format {
    /** An ELF object: not a container, but the thing the containers are searched for. */
    ELF(Role.FILE, Magic.bytes(0, 0x7f, 'E', 'L', 'F')),
    /** A Debian binary package: an ar archive whose first member is {@code debian-binary}. */
    DEB(Role.COMPRESSED_ARCHIVE, Magic.ascii(0, "!<arch>\ndebian-binary")),
    /** An RPM package: its lead's magic; the payload is a compressed cpio archive. */
    RPM(Role.COMPRESSED_ARCHIVE, Magic.bytes(0, 0xed, 0xab, 0xee, 0xdb)),
    /** A Unix ar archive (a static library, or a .deb-like file that is not one). */
    AR(Role.ARCHIVE, Magic.ascii(0, "!<arch>\n")),
    /** A zip archive: wheel, jar, zip (a local file header, an empty archive's end record, a spanning marker). */
    ZIP(Role.COMPRESSED_ARCHIVE, Magic.ascii(0, "PK\3\4"), Magic.ascii(0, "PK\5\6"), Magic.ascii(0, "PK\7\b")),
    /** A POSIX or GNU tar archive. */
    TAR(Role.ARCHIVE, Magic.ascii(257, "ustar")),
    GZIP(Role.COMPRESSION, Magic.bytes(0, 0x1f, 0x8b)),
    XZ(Role.COMPRESSION, Magic.bytes(0, 0xfd, '7', 'z', 'X', 'Z', 0)),
    ZSTD(Role.COMPRESSION, Magic.bytes(0, 0x28, 0xb5, 0x2f, 0xfd)),
    /** bzip2: "BZh" and the block size digit, so that a text starting with "BZh" is not taken for one. */
    BZIP2(Role.COMPRESSION, Magic.ascii(0, "BZh").and(Magic.range(3, '1', '9'))),
    /** None of the above. */
    UNKNOWN(Role.FILE);

    /** How many bytes {@link #detect} looks at: enough for the tar signature at offset 257. */
    public static final int HEAD_BYTES = 512;

    private enum Role {
        FILE,
        /** members are stored as they are: their data is a slice of the archive's stream */
        ARCHIVE,
        /** members come out of a decompressor (zip entries, a .deb's compressed data.tar) */
        COMPRESSED_ARCHIVE,
        COMPRESSION
    }

    private final Role role;
    private final List<Magic> magics;

    Format(Role role, Magic... magics) {
        this.role = role;
        this.magics = List.of(magics);
    }

    /** The format of what {@code in} holds; {@code in} is left where it was (mark and reset). */
    public static Format detect(BufferedInputStream in) throws IOException {
        in.mark(HEAD_BYTES);
        byte[] head = in.readNBytes(HEAD_BYTES);
        in.reset();
        return of(head);
    }

    /** The format whose signature {@code head} (the first bytes of a stream, maybe fewer than asked) starts with. */
    public static Format of(byte[] head) {
        for (Format f : values()) {
            if (f.magics.stream().anyMatch(m -> m.matches(head))) {
                return f;
            }
        }
        return UNKNOWN;
    }

    /** Whether {@link MemberReader#open} reads this format's members. */
    public boolean isArchive() {
        return role == Role.ARCHIVE || role == Role.COMPRESSED_ARCHIVE;
    }

    /** Whether this is a compressed stream that {@link Decompression} opens. */
    public boolean isCompression() {
        return role == Role.COMPRESSION;
    }

    /**
     * Whether this archive's member data comes out of a decompressor, so that a limit on decompressed bytes
     * (against decompression bombs) has to count the member data itself.
     */
    public boolean decompressesMembers() {
        return role == Role.COMPRESSED_ARCHIVE;
    }
}
