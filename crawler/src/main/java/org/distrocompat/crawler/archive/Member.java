package org.distrocompat.crawler.archive;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * One member of an archive, as a {@link MemberReader} hands it out.
 *
 * @param name     the name as the archive spells it (for messages; use {@link #path()} to place the member)
 * @param kind     what the member is
 * @param linkName for a link, its target as the archive spells it; null otherwise
 * @param size     the size the archive declares, or -1 when it does not say; not to be trusted for allocation
 * @param data     the member's bytes, readable until the reader's next {@code next()}; closing it leaves the
 *                 archive open. Empty for anything but a regular file.
 */
public record Member(String name, Kind kind, String linkName, long size, InputStream data) {

    public enum Kind {
        FILE,
        DIRECTORY,
        SYMLINK,
        /** a tar hard link: another member's content, named by its path from the archive's root */
        HARDLINK,
        /** a device, a fifo or another special file */
        OTHER,
        /** a member whose data the reader cannot decode (an encrypted zip entry, an unsupported zip method) */
        UNREADABLE
    }

    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if ((kind == Kind.SYMLINK || kind == Kind.HARDLINK) != (linkName != null)) {
            throw new IllegalArgumentException("a link, and only a link, has a link name: " + name);
        }
    }

    /** The member's place in the archive by {@link ArchivePath#normalize}; empty when the name is rejected. */
    public Optional<String> path() {
        return ArchivePath.normalize(name);
    }

    /**
     * For a link, the path inside the archive it points to (a hard link names a member from the root, a symbolic
     * link from its own directory); empty when it points out of the archive, and for anything but a link.
     */
    public Optional<String> linkTarget() {
        return switch (kind) {
            case HARDLINK -> ArchivePath.normalize(linkName);
            case SYMLINK -> path().flatMap(p -> ArchivePath.resolveLink(p, linkName));
            default -> Optional.empty();
        };
    }
}
