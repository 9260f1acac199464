package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the wanted shared libraries out of a .deb as one stream: ar → data.tar.{xz,zst,gz,bz2} → tar, without
 * unpacking to disk. Symlinks inside the package are followed (libc.so.6 → libc-2.31.so), also across the
 * /lib ↔ /usr/lib split of merged-/usr layouts.
 */
public final class DebReader {
    private static final int MAX_LINKS = 16;

    private DebReader() {
    }

    public static List<ExtractedLibrary> readLibraries(InputStream deb, LibrarySelector selector) throws IOException {
        ArArchiveInputStream ar = new ArArchiveInputStream(deb);
        ArArchiveEntry e;
        boolean sawDebian = false;
        while ((e = ar.getNextEntry()) != null) {
            String name = e.getName();
            if (name.equals("debian-binary")) {
                sawDebian = true;
            } else if (name.startsWith("data.tar")) {
                if (!sawDebian) {
                    throw new IOException("not a Debian package (data.tar before debian-binary)");
                }
                return readTar(Decompression.open(name, ar), selector);
            }
        }
        throw new IOException(sawDebian ? "Debian package has no data.tar member" : "not a Debian package");
    }

    private static List<ExtractedLibrary> readTar(InputStream tarStream, LibrarySelector selector) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        Set<String> names = new HashSet<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        TarArchiveEntry t;
        while ((t = tar.getNextEntry()) != null) {
            String path = normalize(t.getName());
            if (path.isEmpty()) {
                continue;
            }
            if (t.isSymbolicLink()) {
                links.put(path, t.getLinkName());
                names.add(path);
            } else if (t.isLink()) {
                links.put(path, "/" + normalize(t.getLinkName())); // hard link: same content as the named file
                names.add(path);
            } else if (t.isFile() && LibrarySelector.mayBeLibraryFile(path)) {
                files.put(path, tar.readAllBytes());
                names.add(path);
            }
        }
        // the names the loader looks up, best location first (a triplet directory over lib64 and friends)
        List<String> lookups = new ArrayList<>();
        for (String p : names) {
            int slash = p.lastIndexOf('/');
            String dir = slash < 0 ? "" : p.substring(0, slash);
            if (LibrarySelector.isLibraryDirectory(dir) && selector.wantsName(p.substring(slash + 1))) {
                lookups.add(p);
            }
        }
        lookups.sort(Comparator.comparingInt(DebReader::locationRank).thenComparing(Comparator.naturalOrder()));
        Map<String, ExtractedLibrary> bySoname = new LinkedHashMap<>();
        for (String p : lookups) {
            String soname = p.substring(p.lastIndexOf('/') + 1);
            if (bySoname.containsKey(soname)) {
                continue;
            }
            String real = resolve(p, files, links);
            if (real != null) {
                bySoname.put(soname, new ExtractedLibrary(soname, "/" + real, files.get(real)));
            }
        }
        return List.copyOf(bySoname.values());
    }

    private static int locationRank(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        boolean triplet = dir.matches("(usr/)?lib/[^/]*-[^/]*");
        boolean usr = dir.startsWith("usr/");
        return (triplet ? 0 : 2) + (usr ? 1 : 0);
    }

    /** Follows symlinks to a regular file the package contains; null when the chain leaves the package. */
    private static String resolve(String path, Map<String, byte[]> files, Map<String, String> links) {
        String p = path;
        for (int i = 0; i < MAX_LINKS; i++) {
            String found = present(p, files, links);
            if (found == null) {
                return null;
            }
            if (files.containsKey(found)) {
                return found;
            }
            String target = links.get(found);
            int slash = found.lastIndexOf('/');
            String dir = slash < 0 ? "" : found.substring(0, slash);
            p = target.startsWith("/") ? normalize(target) : normalize(dir.isEmpty() ? target : dir + "/" + target);
        }
        return null;
    }

    /** The path itself, or its twin across the merged-/usr split, when the package has it. */
    private static String present(String p, Map<String, byte[]> files, Map<String, String> links) {
        if (files.containsKey(p) || links.containsKey(p)) {
            return p;
        }
        String twin = p.startsWith("usr/") ? p.substring(4) : "usr/" + p;
        if (files.containsKey(twin) || links.containsKey(twin)) {
            return twin;
        }
        return null;
    }

    /** "./lib/../usr/lib/x.so" → "usr/lib/x.so" (relative, no dot segments). */
    static String normalize(String name) {
        List<String> parts = new ArrayList<>();
        for (String s : name.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(s);
            }
        }
        return String.join("/", parts);
    }
}
