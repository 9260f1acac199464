package org.distrocompat.db.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.distrocompat.db.DatabaseException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may replace what distrocompat runs: the user and root; the user's private group; nobody else. */
class SafePathsTest {
    @TempDir
    Path tmp;

    @Test
    void writableByOthersIsRefusedWritableByTheUsersPrivateGroupIsNot() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("bins"));
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
        Assumptions.assumeTrue(a.group().getName().equals(a.owner().getName()),
                "the user's files do not belong to a private group of the same name here");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x")); // umask 002
        assertThatCode(() -> SafePaths.requireOwnedByUser(dir, "test")).doesNotThrowAnyException();

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> SafePaths.requireOwnedByUser(dir, "test")).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is writable by other users (rwxrwxrwx)");
    }

    @Test
    void writableByAnotherGroupIsRefused() throws Exception {
        Assumptions.assumeTrue(SafePaths.currentUid() == 0, "only root can give a directory to another group");
        Path dir = Files.createDirectory(tmp.resolve("bins"));
        GroupPrincipal daemon = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("daemon");
        Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(daemon);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThatThrownBy(() -> SafePaths.requireOwnedByUser(dir, "test")).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is writable by other users (rwxrwxr-x)");
    }
}
