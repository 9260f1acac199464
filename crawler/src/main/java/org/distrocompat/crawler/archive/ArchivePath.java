package org.distrocompat.crawler.archive;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The one rule for names inside an archive, for member names and link targets alike. A name becomes a relative
 * path with {@code /} between components and no empty, {@code .} or {@code ..} components. A backslash separates
 * components too (zip tools on Windows write them, and a name that climbs out with backslashes must not slip
 * through). A leading {@code /} means the archive's root: tar strips it when extracting, and a package's absolute
 * paths are paths in the package. A name that climbs above the root ({@code ../x}, {@code a/../../x}) or names
 * the root itself is rejected, never clamped: the caller decides how to report it.
 */
public final class ArchivePath {
    /** The reason to give for a member whose name is rejected. */
    public static final String LEAVES_ARCHIVE = "name leaves the archive";

    private ArchivePath() {
    }

    /** {@code ./a/b/../c.so} → {@code a/c.so}; empty when the name climbs out of the archive or names its root. */
    public static Optional<String> normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : name.replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }

    /**
     * Where a symbolic link at {@code linkPath} (a normalised path) points inside the archive: an absolute
     * {@code target} from the archive's root, a relative one from the link's directory. Empty when the target
     * leaves the archive.
     */
    public static Optional<String> resolveLink(String linkPath, String target) {
        if (target.startsWith("/")) {
            return normalize(target);
        }
        int slash = linkPath.lastIndexOf('/');
        return normalize(slash < 0 ? target : linkPath.substring(0, slash + 1) + target);
    }
}
