package org.distrocompat.elf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Test helper: locating real ELF files on this machine and in the shared Debian fixtures. */
final class TestFiles {
    private TestFiles() {
    }

    /** The shared directory (system property distrocompat.shared, else ../../shared from the module). */
    static Path sharedDir() {
        String prop = System.getProperty("distrocompat.shared");
        return prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../shared");
    }

    static Path debianPool() {
        return sharedDir().resolve("fixtures/debian-mini/pool");
    }

    /** Regular (non-symlink) files starting with the ELF magic under the given roots, deduplicated by real path. */
    static List<Path> elfFilesUnder(List<Path> roots) throws IOException {
        Set<Path> seen = new LinkedHashSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            Path real = root.toRealPath();
            try (Stream<Path> s = Files.walk(real)) {
                s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).filter(TestFiles::hasElfMagic)
                        .forEach(seen::add);
            } catch (java.io.UncheckedIOException e) {
                // an unreadable directory: walk what we can
                try (Stream<Path> s = Files.walk(real, 1)) {
                    s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(TestFiles::hasElfMagic).forEach(seen::add);
                }
            }
        }
        return new ArrayList<>(seen);
    }

    static boolean hasElfMagic(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // keep reading
            }
            return ElfReader.isElf(b);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static List<Path> systemLibraryRoots() {
        List<Path> roots = new ArrayList<>();
        for (String r : List.of("/lib", "/usr/lib", "/usr/lib/jvm", "/lib32", "/usr/lib32", "/libx32", "/usr/libx32",
                "/lib64", "/usr/lib64")) {
            roots.add(Path.of(r));
        }
        return roots;
    }

    /** The .deb files of the debian-mini pool (empty when absent). */
    static List<Path> debs() throws IOException {
        Path pool = debianPool();
        if (!Files.isDirectory(pool)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(pool)) {
            return s.filter(p -> p.toString().endsWith(".deb")).sorted().toList();
        }
    }

    /** ELF members of a .deb's data.tar.xz, in memory: member path -> bytes. */
    static Map<String, byte[]> elfMembersOfDeb(Path deb) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(deb); ArArchiveInputStream ar = new ArArchiveInputStream(in)) {
            ArArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                if (!e.getName().startsWith("data.tar")) {
                    continue;
                }
                if (!e.getName().equals("data.tar.xz")) {
                    throw new IOException("unsupported data member " + e.getName() + " in " + deb);
                }
                // not closed here: closing would close the ar stream too (closed by the outer try)
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(ar));
                {
                    TarArchiveEntry t;
                    while ((t = tar.getNextEntry()) != null) {
                        if (!t.isFile()) {
                            continue;
                        }
                        byte[] data = readAll(tar);
                        if (ElfReader.isElf(ByteBuffer.wrap(data))) {
                            out.put(t.getName(), data);
                        }
                    }
                }
                return out;
            }
        }
        return out;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        in.transferTo(bo);
        return bo.toByteArray();
    }
}
