package org.distrocompat.core.check;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfFormatException;
import org.distrocompat.elf.ElfReader;

/**
 * Walks one input — a wheel, zip or jar, a tar (plain, .gz/.tgz, .xz, .zst, .bz2), a .deb, a directory or a
 * single ELF file — and parses every ELF file inside as a stream, without extracting anything to disk. The
 * format is recognised by content, not by file name. Archives nested one level deep (a jar in a zip) are walked
 * too; deeper ones are skipped and reported. Member names are normalised; names that climb out of the archive
 * ({@code ../}) are skipped and reported; symbolic links are recorded, never followed out of the input. Memory
 * is bounded by {@link WalkLimits}: declared sizes are never trusted, bytes are counted as they come.
 */
public final class InputWalker {
    private static final int SNIFF = 512;

    enum Kind { ELF, ZIP, GZIP, XZ, ZSTD, BZIP2, AR, TAR, OTHER }

    private final WalkLimits limits;
    private final List<InputContents.ElfMember> elfFiles = new ArrayList<>();
    private final List<String> otherFiles = new ArrayList<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private final List<InputContents.Skipped> skipped = new ArrayList<>();
    private long total;
    private long entries;
    private long rawBytes;
    private byte[] buffer = new byte[1 << 20];
    private final byte[] scratch = new byte[1 << 16];

    private InputWalker(WalkLimits limits) {
        this.limits = limits;
    }

    public static InputContents walk(Path input) throws BadInputException {
        return walk(input, WalkLimits.DEFAULT);
    }

    public static InputContents walk(Path input, WalkLimits limits) throws BadInputException {
        if (!Files.isDirectory(input)) {
            if (!Files.exists(input)) {
                throw new BadInputException("no such file or directory");
            } else if (!Files.isRegularFile(input)) {
                throw new BadInputException("not a regular file or directory");
            }
        }
        return run(new InputWalker(limits), w -> {
            if (Files.isDirectory(input)) {
                w.directory(input);
            } else {
                w.file(input);
            }
        });
    }

    /**
     * Walks an input given as a stream (an upload): {@code name} is its file name, for messages and for the
     * name of a single compressed ELF file. Directories cannot come this way.
     */
    public static InputContents walk(InputStream input, String name, WalkLimits limits) throws BadInputException {
        return run(new InputWalker(limits), w -> w.stream(input, name));
    }

    private interface Walk {
        void run(InputWalker w) throws IOException, BadInputException;
    }

    /** Runs a walk and turns every way it can fail into one {@link BadInputException} with a clear message. */
    private static InputContents run(InputWalker w, Walk walk) throws BadInputException {
        try {
            walk.run(w);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + e.getMessage());
        } catch (AccessDeniedException e) {
            throw new BadInputException("permission denied: " + e.getMessage());
        } catch (LimitException e) {
            throw new BadInputException(e.getMessage());
        } catch (ElfFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(describe(e), e);
        } catch (RuntimeException e) {
            // archive libraries throw unchecked exceptions on some malformed inputs
            throw new BadInputException("malformed archive: " + describe(e), e);
        }
        return new InputContents(w.elfFiles, w.otherFiles, w.links, w.skipped, w.rawBytes);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    // ---- top level ----

    private void file(Path file) throws IOException, BadInputException {
        try (InputStream raw = Files.newInputStream(file)) {
            stream(raw, file.getFileName().toString());
        }
    }

    private void stream(InputStream raw, String name) throws IOException, BadInputException {
        {
            InputStream counted = new FilterInputStream(raw) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        rawBytes++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        rawBytes += n;
                    }
                    return n;
                }
            };
            BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
            Kind kind = sniff(in);
            if (kind == Kind.ELF) {
                elf(name, in, ElfSource.STREAM);
            } else if (kind == Kind.OTHER) {
                throw new BadInputException("not an ELF file or a supported archive (wheel/zip/jar, tar, .tgz, "
                        + ".tar.xz, .tar.zst, .tar.bz2, .deb)");
            } else {
                container(kind, in, "", name, 0);
            }
        }
    }

    private void directory(Path root) throws IOException, BadInputException {
        Path base = root.toAbsolutePath().normalize();
        try {
            Files.walkFileTree(base, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
                            String rel = base.relativize(p).toString().replace('\\', '/');
                            try {
                                countEntry();
                                if (attrs.isSymbolicLink()) {
                                    String target = Files.readSymbolicLink(p).toString();
                                    link(rel, target, "");
                                } else if (attrs.isRegularFile()) {
                                    directoryFile(p, rel, attrs.size());
                                } else {
                                    skipped.add(new InputContents.Skipped(rel, "not a regular file"));
                                }
                            } catch (BadInputException e) {
                                throw new WrappedBadInput(e);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                            throw e;
                        }
                    });
        } catch (WrappedBadInput e) {
            throw (BadInputException) e.getCause();
        }
    }

    private void directoryFile(Path p, String rel, long size) throws IOException, BadInputException {
        Kind kind;
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(p), SNIFF)) {
            kind = sniff(in);
            if (kind != Kind.ELF && kind != Kind.OTHER) {
                rawBytes += size;
                container(kind, new BufferedInputStream(in, 1 << 16), rel + "!/", rel, 1);
                return;
            }
        }
        if (kind == Kind.ELF) {
            rawBytes += size;
            ElfFile elf;
            try {
                elf = ElfReader.read(p); // memory-mapped: only the pages the reader touches are read
            } catch (ElfFormatException e) {
                throw new BadInputException(rel + ": " + e.getMessage(), e);
            }
            addElf(rel, elf);
        } else {
            otherFiles.add(rel);
        }
    }

    // ---- containers ----

    /**
     * Walks an archive (or a compressed stream) whose members live under {@code prefix}; {@code depth} is 0 for
     * the input itself and 1 for an archive inside it.
     */
    private void container(Kind kind, InputStream in, String prefix, String name, int depth)
            throws IOException, BadInputException {
        switch (kind) {
            case ZIP -> zip(in, prefix, depth);
            case TAR -> tar(new Counting(in), prefix, depth);
            case AR -> ar(in, prefix, depth);
            case GZIP, XZ, ZSTD, BZIP2 -> {
                BufferedInputStream plain = new BufferedInputStream(new Counting(decompress(kind, in)), 1 << 16);
                Kind inner = sniff(plain);
                String innerName = stripCompressionSuffix(name);
                if (inner == Kind.TAR) {
                    tar(plain, prefix, depth);
                } else if (inner == Kind.ELF) {
                    elf(prefix + innerName, plain, ElfSource.STREAM);
                } else if (prefix.isEmpty()) {
                    throw new BadInputException("compressed data is neither a tar archive nor an ELF file");
                } else {
                    // a compressed member that is not an archive (a .gz document): just another file
                    otherFiles.add(prefix.substring(0, prefix.length() - 2));
                    drain(plain);
                }
            }
            default -> throw new IllegalStateException("not a container: " + kind);
        }
    }

    private static InputStream decompress(Kind kind, InputStream in) throws IOException {
        return switch (kind) {
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case XZ -> new XZCompressorInputStream(in, true);
            case ZSTD -> new ZstdCompressorInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            default -> throw new IllegalStateException(kind.toString());
        };
    }

    private static String stripCompressionSuffix(String name) {
        String n = name.replaceFirst("\\.(gz|tgz|xz|zst|zstd|bz2)$", "");
        return name.endsWith(".tgz") ? n + ".tar" : n;
    }

    private void zip(InputStream in, String prefix, int depth) throws IOException, BadInputException {
        // the entries' data is counted as it is read: every entry is read (or drained) through the counter
        ZipArchiveInputStream zin = new ZipArchiveInputStream(in, "UTF-8", true, true);
        Counting data = new Counting(zin);
        ZipArchiveEntry e;
        while ((e = zin.getNextEntry()) != null) {
            countEntry();
            if (e.isDirectory()) {
                continue;
            }
            if (!zin.canReadEntryData(e)) {
                skipped.add(new InputContents.Skipped(prefix + e.getName(), "unsupported zip compression or encryption"));
                continue;
            }
            String path = normalize(e.getName());
            if (path == null) {
                skipped.add(new InputContents.Skipped(prefix + e.getName(), "name leaves the archive"));
                drain(data);
                continue;
            }
            if (e.isUnixSymlink()) {
                byte[] t = data.readNBytes(4096);
                drain(data);
                link(prefix + path, new String(t, StandardCharsets.UTF_8), prefix);
                continue;
            }
            member(prefix + path, data, depth);
        }
    }

    private void tar(InputStream in, String prefix, int depth) throws IOException, BadInputException {
        TarArchiveInputStream tin = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tin.getNextEntry()) != null) {
            countEntry();
            if (e.isDirectory()) {
                continue;
            }
            String path = normalize(e.getName());
            if (path == null) {
                skipped.add(new InputContents.Skipped(prefix + e.getName(), "name leaves the archive"));
                continue;
            }
            if (e.isSymbolicLink()) {
                link(prefix + path, e.getLinkName(), prefix);
            } else if (e.isLink()) {
                // a hard link names another member by its path from the archive's root
                link(prefix + path, "/" + e.getLinkName(), prefix);
            } else if (e.isFile()) {
                member(prefix + path, tin, depth);
            } else {
                skipped.add(new InputContents.Skipped(prefix + path, "not a regular file"));
            }
        }
    }

    private void ar(InputStream in, String prefix, int depth) throws IOException, BadInputException {
        ArArchiveInputStream ain = new ArArchiveInputStream(in);
        Counting data = new Counting(ain);
        ArArchiveEntry e;
        boolean deb = false;
        while ((e = ain.getNextEntry()) != null) {
            countEntry();
            String name = e.getName();
            if (name.equals("debian-binary")) {
                deb = true;
                drain(data);
            } else if (deb && name.startsWith("control.tar")) {
                drain(data);
            } else if (deb && name.startsWith("data.tar")) {
                // a .deb's file system: its tar is part of the package's format, not a nested archive
                BufferedInputStream b = new BufferedInputStream(data, 1 << 16);
                Kind k = sniff(b);
                if (k == Kind.TAR) {
                    tar(b, prefix, depth);
                } else if (k == Kind.GZIP || k == Kind.XZ || k == Kind.ZSTD || k == Kind.BZIP2) {
                    container(k, b, prefix, name, depth);
                } else {
                    throw new BadInputException(prefix + name + ": not a tar archive");
                }
                drain(data);
            } else {
                String path = normalize(name);
                if (path == null) {
                    skipped.add(new InputContents.Skipped(prefix + name, "name leaves the archive"));
                    drain(data);
                } else {
                    member(prefix + path, data, depth);
                }
            }
        }
    }

    // ---- members ----

    private void member(String path, InputStream data, int depth) throws IOException, BadInputException {
        BufferedInputStream in = new BufferedInputStream(data, 1 << 16);
        Kind kind = sniff(in);
        if (kind == Kind.ELF) {
            elf(path, in, ElfSource.STREAM);
        } else if (kind == Kind.OTHER) {
            otherFiles.add(path);
            drain(in);
        } else if (depth >= 1) {
            skipped.add(new InputContents.Skipped(path, "archive nested more than one level deep"));
            drain(in);
        } else {
            container(kind, in, path + "!/", path.substring(path.lastIndexOf('/') + 1), depth + 1);
            drain(in);
        }
    }

    private enum ElfSource { STREAM }

    private void elf(String path, InputStream in, ElfSource source) throws IOException, BadInputException {
        int n = 0;
        long cap = limits.maxElfBytes();
        while (true) {
            if (n == buffer.length) {
                if (n >= cap) {
                    if (in.read() >= 0) {
                        throw new BadInputException(path + ": ELF file larger than the " + (cap >> 20)
                                + " MiB limit");
                    }
                    break;
                }
                byte[] bigger = new byte[(int) Math.min(cap, (long) buffer.length * 2)];
                System.arraycopy(buffer, 0, bigger, 0, n);
                buffer = bigger;
            }
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        ElfFile elf;
        try {
            elf = ElfReader.read(ByteBuffer.wrap(buffer, 0, n));
        } catch (ElfFormatException e) {
            throw new BadInputException(path + ": " + e.getMessage(), e);
        }
        addElf(path, elf);
    }

    private void addElf(String path, ElfFile elf) {
        if (elf.type() != ElfFile.ET_DYN && elf.type() != ElfFile.ET_EXEC) {
            skipped.add(new InputContents.Skipped(path, "ELF file that is not loadable (e_type " + elf.type() + ")"));
            return;
        }
        elfFiles.add(new InputContents.ElfMember(path, elf));
    }

    private void link(String path, String target, String prefix) {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        String resolved;
        if (target.startsWith("/")) {
            // absolute targets mean the input's own root (a .deb or a tar of a file system)
            String t = normalize(target);
            resolved = t == null ? null : prefix + t;
        } else {
            String rel = dir.substring(prefix.length());
            String t = normalize(rel + target);
            resolved = t == null ? null : prefix + t;
        }
        if (resolved == null) {
            skipped.add(new InputContents.Skipped(path, "symbolic link to " + target + " leaves the input"));
        } else {
            links.put(path, resolved);
        }
    }

    private void drain(InputStream in) throws IOException {
        while (in.read(scratch) >= 0) {
            // counted by the Counting stream underneath
        }
    }

    private void countEntry() throws LimitException {
        if (++entries > limits.maxEntries()) {
            throw new LimitException("more than " + limits.maxEntries() + " archive members");
        }
    }

    /**
     * A member name as a relative path without {@code .} and {@code ..} components; null when it climbs out of
     * the archive's root.
     */
    static String normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : name.replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    static Kind sniff(BufferedInputStream in) throws IOException {
        in.mark(SNIFF);
        byte[] h = in.readNBytes(SNIFF);
        in.reset();
        return kindOf(h, h.length);
    }

    static Kind kindOf(byte[] h, int n) {
        if (n >= 4 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
            return Kind.ELF;
        }
        if (n >= 4 && h[0] == 'P' && h[1] == 'K' && (h[2] == 3 && h[3] == 4 || h[2] == 5 && h[3] == 6
                || h[2] == 7 && h[3] == 8)) {
            return Kind.ZIP;
        }
        if (n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
            return Kind.GZIP;
        }
        if (n >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z' && h[5] == 0) {
            return Kind.XZ;
        }
        if (n >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f
                && (h[3] & 0xff) == 0xfd) {
            return Kind.ZSTD;
        }
        if (n >= 4 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h' && h[3] >= '1' && h[3] <= '9') {
            return Kind.BZIP2;
        }
        if (n >= 8 && new String(h, 0, 8, StandardCharsets.ISO_8859_1).equals("!<arch>\n")) {
            return Kind.AR;
        }
        if (n >= 262 && new String(h, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return Kind.TAR;
        }
        return Kind.OTHER;
    }

    /** Counts decompressed bytes against {@link WalkLimits#maxTotalBytes()}. */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        private void add(long n) throws LimitException {
            total += n;
            if (total > limits.maxTotalBytes()) {
                throw new LimitException("expands to more than " + limits.maxTotalBytes()
                        + " bytes (a decompression bomb?)");
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) {
                add(s);
            }
            return s;
        }

        @Override
        public void close() {
            // members must not close the archive stream
        }
    }

    private static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitException(String message) {
            super(message);
        }
    }

    private static final class WrappedBadInput extends IOException {
        private static final long serialVersionUID = 1L;

        WrappedBadInput(BadInputException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
