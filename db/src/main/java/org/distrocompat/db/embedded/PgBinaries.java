package org.distrocompat.db.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.distrocompat.db.DatabaseException;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of the embedded server, unpacked by us rather than by zonky: zonky makes its working
 * directory writable by everybody and marks an unpacking complete even when it failed half-way (a full disk left
 * a truncated {@code bin/postgres} behind a "done" marker for good). Here the archive zonky ships is unpacked
 * into a private temporary directory, a manifest of every file's size is written, and only then is the directory
 * renamed into place; every start verifies the manifest (unpacking again when a file was truncated) and refuses
 * binaries that another user could have replaced.
 *
 * <p>Layout under the directory given ({@code $DISTROCOMPAT_HOME/pg-binaries}, or a per-user cache for tests),
 * which is kept {@code 0700}: {@code PG-<md5>/} holds the binaries (zonky's name for this archive, so zonky
 * finds them complete and unpacks nothing); {@code zonky/} is the working directory zonky is given (it makes it
 * writable by all, harmless inside a private directory) with a link {@code PG-<md5> -> ../PG-<md5>}.
 */
public final class PgBinaries {
    /** The manifest written last into a complete unpacking: {@code size<TAB>path} or {@code ->target<TAB>path}. */
    static final String MANIFEST = ".distrocompat-manifest";
    /** zonky's own "unpacked" marker, which must be newer than everything beside it. */
    private static final String ZONKY_MARKER = ".exists";
    private static final String ZONKY_DIR = "zonky";
    /** zonky reads the directory of its scratch data directories from this property when a builder is made. */
    private static final String ZONKY_WORKING_DIR_PROPERTY = "ot.epg.working-dir";
    private static final Object PROPERTY_LOCK = new Object();

    private final Path directory;
    private final Path binaries;
    private final byte[] archive;

    private PgBinaries(Path directory, Path binaries, byte[] archive) {
        this.directory = directory;
        this.binaries = binaries;
        this.archive = archive;
    }

    /** Unpacks (when needed) and verifies the binaries under {@code directory}; one clear line when it cannot. */
    public static PgBinaries prepare(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            SafePaths.makePrivate(dir);
            SafePaths.requireOwnedByUser(dir, "the PostgreSQL binaries directory");
            byte[] archive = archive();
            Path bins = dir.resolve("PG-" + md5(archive));
            String problem = Files.isDirectory(bins, LinkOption.NOFOLLOW_LINKS) ? verify(bins) : "absent";
            if (problem != null) {
                if (Files.exists(bins, LinkOption.NOFOLLOW_LINKS)) {
                    // incomplete or damaged: moved aside in one step (a reader never sees half a directory), then gone
                    Path aside = dir.resolve(".damaged-" + System.nanoTime());
                    Files.move(bins, aside, StandardCopyOption.ATOMIC_MOVE);
                    discard(aside);
                }
                unpack(archive, dir, bins);
                String again = verify(bins);
                if (again != null) {
                    throw new DatabaseException("the PostgreSQL binaries unpacked into " + bins + " are damaged: " + again);
                }
            }
            for (String exe : List.of("postgres", "initdb", "pg_ctl")) {
                SafePaths.requireOwnedByUser(bins.resolve("bin").resolve(exe), "the PostgreSQL binary");
            }
            link(dir, bins);
            return new PgBinaries(dir, bins, archive);
        } catch (IOException e) {
            throw new DistrocompatException("cannot unpack the PostgreSQL binaries into " + dir + ": " + Messages.of(e)
                    + hint(e), e);
        }
    }

    /** The unpacked, verified binaries ({@code bin/postgres} and so on). */
    public Path directory() {
        return binaries;
    }

    /**
     * A zonky builder that runs these binaries and keeps zonky's scratch directories inside ours (zonky's default,
     * {@code /tmp/embedded-pg}, is shared by every user of the machine and made writable by all).
     */
    public EmbeddedPostgres.Builder builder() {
        Path work = directory.resolve(ZONKY_DIR);
        EmbeddedPostgres.Builder b;
        synchronized (PROPERTY_LOCK) {
            String before = System.getProperty(ZONKY_WORKING_DIR_PROPERTY);
            System.setProperty(ZONKY_WORKING_DIR_PROPERTY, work.toString());
            try {
                b = EmbeddedPostgres.builder();
            } finally {
                if (before == null) {
                    System.clearProperty(ZONKY_WORKING_DIR_PROPERTY);
                } else {
                    System.setProperty(ZONKY_WORKING_DIR_PROPERTY, before);
                }
            }
        }
        PgBinaryResolver sameArchive = (system, machine) -> new ByteArrayInputStream(archive);
        return b.setOverrideWorkingDirectory(work.toFile()).setPgBinaryResolver(sameArchive);
    }

    /** After zonky started: it made its working directory writable by all; make it private again. */
    public void afterStart() {
        try {
            SafePaths.makePrivate(directory.resolve(ZONKY_DIR));
        } catch (IOException ignored) {
            // cosmetic: the directory lies inside our private one
        }
    }

    // ---- the archive ----

    private static byte[] archive() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "Linux" : os.startsWith("mac") ? "Darwin"
                : os.startsWith("windows") ? "Windows" : os;
        String arch = System.getProperty("os.arch", "");
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
                arch.equals("amd64") ? "x86_64" : arch)) {
            if (in == null) {
                throw new IOException("this jar carries no PostgreSQL binaries for " + system + " " + arch);
            }
            return in.readAllBytes();
        } catch (IllegalStateException e) {
            throw new IOException("this jar carries no PostgreSQL binaries for " + system + " " + arch
                    + " (build with -Pall-postgres-binaries, or use --db with a PostgreSQL server)", e);
        }
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    // ---- unpacking ----

    private static void unpack(byte[] archive, Path dir, Path target) throws IOException {
        Path tmp = Files.createTempDirectory(dir, ".unpack-");
        try {
            List<String> manifest = new ArrayList<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(
                    new ByteArrayInputStream(archive)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path p = tmp.resolve(e.getName()).normalize();
                    if (!p.startsWith(tmp) || p.equals(tmp)) {
                        throw new IOException("archive member " + e.getName() + " leaves the directory");
                    }
                    String rel = tmp.relativize(p).toString();
                    if (e.isDirectory()) {
                        Files.createDirectories(p);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(p.getParent());
                        Path target2 = p.getParent().resolve(e.getLinkName()).normalize();
                        if (!target2.startsWith(tmp)) {
                            throw new IOException("archive link " + e.getName() + " points out of the directory");
                        }
                        Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                        manifest.add("->" + e.getLinkName() + "\t" + rel);
                    } else if (e.isFile() && !e.isLink()) {
                        Files.createDirectories(p.getParent());
                        long n = Files.copy(tar, p);
                        if (n != e.getSize()) {
                            throw new IOException("archive member " + e.getName() + " is truncated");
                        }
                        Files.setPosixFilePermissions(p, permissions(e.getMode()));
                        manifest.add(n + "\t" + rel);
                    } else {
                        throw new IOException("unexpected archive member " + e.getName());
                    }
                }
            }
            // directories made along the way got the umask's mode: none may be writable by anyone but the user
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path d : all.filter(x -> Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    Files.setPosixFilePermissions(d, d.equals(tmp) ? EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE) : permissions(0755));
                }
            }
            Files.write(tmp.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
            Path marker = Files.createFile(tmp.resolve(ZONKY_MARKER));
            Files.setLastModifiedTime(marker, FileTime.fromMillis(System.currentTimeMillis() + 1000));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                return; // another process finished first; the caller verifies its result
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + tmp + " into place atomically", e);
            }
        } finally {
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                discard(tmp);
            }
        }
    }

    /** The member's mode without group and other write (and without set-id bits): nobody else may change it. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            s.add(PosixFilePermission.OWNER_EXECUTE);
        }
        if ((mode & 040) != 0) {
            s.add(PosixFilePermission.GROUP_READ);
        }
        if ((mode & 010) != 0) {
            s.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if ((mode & 04) != 0) {
            s.add(PosixFilePermission.OTHERS_READ);
        }
        if ((mode & 01) != 0) {
            s.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return s;
    }

    /** Null when every file of the manifest is there with its size (and every link with its target), else why not. */
    static String verify(Path bins) throws IOException {
        Path manifest = bins.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return "no manifest (an unpacking that did not finish)";
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                return "damaged manifest";
            }
            String what = line.substring(0, tab);
            Path p = bins.resolve(line.substring(tab + 1));
            if (what.startsWith("->")) {
                if (!Files.isSymbolicLink(p) || !Files.readSymbolicLink(p).toString().equals(what.substring(2))) {
                    return p + " is not the link it was unpacked as";
                }
            } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != Long.parseLong(what)) {
                return p + (Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? " has " + Files.size(p) + " bytes, not " + what
                        : " is missing");
            }
        }
        return null;
    }

    private static void link(Path dir, Path bins) throws IOException {
        Path work = dir.resolve(ZONKY_DIR);
        SafePaths.makePrivate(work);
        Path link = work.resolve(bins.getFileName());
        Path target = Path.of("..", bins.getFileName().toString());
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return;
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static void discard(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String hint(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("no space left") ? " (the disk is full: free some space and run again)" : "";
    }
}
