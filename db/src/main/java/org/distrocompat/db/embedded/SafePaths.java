package org.distrocompat.db.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.distrocompat.db.DatabaseException;
import org.distrocompat.db.error.Messages;

/**
 * Who may change the files distrocompat executes or keeps its database in. The embedded PostgreSQL's binaries run
 * as the home's owner, so nobody else may be able to replace them: every directory from the file up to the root
 * must belong to the user (or to root) and be writable by nobody else — except a root-owned sticky directory such
 * as {@code /tmp}, where others cannot rename or delete what is ours. A directory writable by its owner's private
 * group (the group of the same name, as umask-002 systems create them) counts as the owner's. Private directories
 * are created {@code 0700}.
 * On a file system without POSIX permissions there is nothing to check.
 */
public final class SafePaths {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private SafePaths() {
    }

    /** Creates {@code dir} (and missing parents) readable and writable by its owner only; an existing one is kept. */
    public static void createPrivate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Makes a directory of our own private ({@code 0700}), creating it when missing: for directories that only
     * distrocompat uses (the unpacked binaries), never for one the user named.
     */
    public static void makePrivate(Path dir) throws IOException {
        createPrivate(dir);
        if (posix(dir) && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE)) {
            Files.setPosixFilePermissions(dir, PRIVATE);
        }
    }

    /**
     * Refuses (one line) when another user could replace {@code path}: it, or a directory above it, is owned by
     * someone other than the user and root, or is writable by group or others (a root-owned sticky directory
     * excepted). {@code what} names the path's role for the message.
     */
    public static void requireOwnedByUser(Path path, String what) {
        Path p;
        try {
            p = path.toRealPath();
        } catch (IOException e) {
            throw new DatabaseException("cannot use " + what + " " + path + ": " + Messages.of(e), e);
        }
        if (!posix(p)) {
            return;
        }
        int me = currentUid();
        for (Path q = p; q != null; q = q.getParent()) {
            PosixFileAttributes a;
            int uid;
            try {
                a = Files.getFileAttributeView(q, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
                uid = (Integer) Files.getAttribute(q, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new DatabaseException("cannot check " + q + ": " + Messages.of(e), e);
            }
            boolean root = uid == 0;
            if (!root && uid != me) {
                throw new DatabaseException("refusing to use " + what + " " + path + ": " + q + " belongs to "
                        + a.owner().getName() + ", not to " + System.getProperty("user.name"));
            }
            Set<PosixFilePermission> perms = a.permissions();
            // a group named like its owner is the owner's private group (umask 002 systems): nobody else is in it
            boolean privateGroup = a.group() != null && a.group().getName().equals(a.owner().getName());
            boolean othersWrite = perms.contains(PosixFilePermission.GROUP_WRITE) && !privateGroup
                    || perms.contains(PosixFilePermission.OTHERS_WRITE);
            if (othersWrite && !(a.isDirectory() && root && sticky(q))) {
                throw new DatabaseException("refusing to use " + what + " " + path + ": " + q
                        + " is writable by other users (" + PosixFilePermissions.toString(perms)
                        + "); run: chmod go-w " + q);
            }
        }
    }

    private static boolean posix(Path p) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && p.getFileSystem().equals(FileSystems.getDefault());
    }

    /** Whether a directory has the sticky bit (only its entries' owners may rename or delete them). */
    private static boolean sticky(Path dir) {
        try {
            Object mode = Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & 01000) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The process's user id: the owner of its own /proc entry (Linux; the only host the binaries exist for). */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self/"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new DatabaseException("cannot tell the current user's id: " + Messages.of(e), e);
        }
    }
}
