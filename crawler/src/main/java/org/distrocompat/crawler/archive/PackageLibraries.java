package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the wanted shared libraries out of a package's file system, as the dynamic loader would find them: by the
 * names it looks up, in the directories it searches (a triplet directory first), through symbolic and hard links,
 * also across the /lib ↔ /usr/lib split of merged-/usr layouts. Only the bytes of files that may be libraries are
 * kept in memory. Works on the members of any package format.
 *
 * <p>A member whose name leaves the package fails the package: no installer unpacks such a name as it is, so what
 * the package installs is unknown, and storing part of it as facts would be wrong. A link whose target leaves the
 * package is not followed, like a link to a file of another package.
 */
final class PackageLibraries {
    /** More links in a row than this is a loop (the kernel gives up at 40; packages need two or three). */
    private static final int MAX_LINKS = 16;

    private final Map<String, byte[]> files = new HashMap<>();
    /** link path → target path in the package; empty when the target leaves it */
    private final Map<String, Optional<String>> links = new HashMap<>();

    private PackageLibraries() {
    }

    static List<ExtractedLibrary> read(MemberReader fileSystem, LibrarySelector selector) throws IOException {
        PackageLibraries p = new PackageLibraries();
        Member m;
        while ((m = fileSystem.next()) != null) {
            p.add(m);
        }
        return p.select(selector);
    }

    private void add(Member m) throws IOException {
        if (m.kind() == Member.Kind.DIRECTORY) {
            return; // nothing to read; every .deb starts with its root, "./"
        }
        Optional<String> path = m.path();
        if (path.isEmpty()) {
            throw new IOException(m.name() + ": " + ArchivePath.LEAVES_ARCHIVE);
        }
        switch (m.kind()) {
            case SYMLINK, HARDLINK -> links.put(path.get(), m.linkTarget());
            case FILE -> {
                if (LibrarySelector.mayBeLibraryFile(path.get())) {
                    files.put(path.get(), m.data().readAllBytes());
                }
            }
            default -> {
                // devices and the like are no libraries
            }
        }
    }

    private List<ExtractedLibrary> select(LibrarySelector selector) {
        // the names the loader looks up, best location first (a triplet directory over lib64 and friends)
        List<String> lookups = new ArrayList<>();
        for (String p : names()) {
            int slash = p.lastIndexOf('/');
            String dir = slash < 0 ? "" : p.substring(0, slash);
            if (LibrarySelector.isLibraryDirectory(dir) && selector.wantsName(p.substring(slash + 1))) {
                lookups.add(p);
            }
        }
        lookups.sort(Comparator.comparingInt(PackageLibraries::locationRank).thenComparing(Comparator.naturalOrder()));
        Map<String, ExtractedLibrary> bySoname = new LinkedHashMap<>();
        for (String p : lookups) {
            String soname = p.substring(p.lastIndexOf('/') + 1);
            if (!bySoname.containsKey(soname)) {
                resolve(p).ifPresent(real -> bySoname.put(soname, new ExtractedLibrary(soname, "/" + real,
                        files.get(real))));
            }
        }
        return List.copyOf(bySoname.values());
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(files.keySet());
        names.addAll(links.keySet());
        return names;
    }

    private static int locationRank(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        boolean triplet = dir.matches("(usr/)?lib/[^/]*-[^/]*");
        boolean usr = dir.startsWith("usr/");
        return (triplet ? 0 : 2) + (usr ? 1 : 0);
    }

    /** Follows links to a regular file the package contains; empty when the chain dangles, loops or leaves. */
    private Optional<String> resolve(String path) {
        Optional<String> p = Optional.of(path);
        for (int i = 0; i < MAX_LINKS && p.isPresent(); i++) {
            Optional<String> found = present(p.get());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (files.containsKey(found.get())) {
                return found;
            }
            p = links.get(found.get());
        }
        return Optional.empty();
    }

    /** The path itself, or its twin across the merged-/usr split, when the package has it. */
    private Optional<String> present(String p) {
        if (files.containsKey(p) || links.containsKey(p)) {
            return Optional.of(p);
        }
        String twin = p.startsWith("usr/") ? p.substring(4) : "usr/" + p;
        if (files.containsKey(twin) || links.containsKey(twin)) {
            return Optional.of(twin);
        }
        return Optional.empty();
    }
}
