package org.distrocompat.core.check;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.db.error.Messages;
import org.distrocompat.crawler.archive.ArchivePath;
import org.distrocompat.crawler.archive.Decompression;
import org.distrocompat.crawler.archive.Format;
import org.distrocompat.crawler.archive.Member;
import org.distrocompat.crawler.archive.MemberReader;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfFormatException;
import org.distrocompat.elf.ElfReader;

/**
 * Walks one input — a wheel, zip or jar, a tar (plain, .gz/.tgz, .xz, .zst, .bz2), a .deb, a directory or a
 * single ELF file — and parses every ELF file inside as a stream, without extracting anything to disk. The
 * formats are read by the {@code archive} package of the crawler, recognised by content, not by file name; this
 * class adds what a check needs. Archives nested one level deep (a jar in a zip) are walked too; deeper ones are
 * skipped and reported. Names that climb out of the archive ({@code ../}) are skipped and reported; symbolic links
 * are recorded, never followed out of the input. Memory is bounded by {@link WalkLimits}: declared sizes are never
 * trusted, bytes are counted as they come.
 */
public final class InputWalker {
    private static final int BUFFER = 1 << 16;

    private final WalkLimits limits;
    private final WalkBudget budget;
    private final List<InputContents.ElfMember> elfFiles = new ArrayList<>();
    private final List<String> otherFiles = new ArrayList<>();
    private final List<ForeignBinary> foreign = new ArrayList<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private final List<InputContents.Skipped> skipped = new ArrayList<>();
    private final ElfStreamReader elfReader;
    private final byte[] scratch = new byte[BUFFER];

    private InputWalker(WalkLimits limits) {
        this.limits = limits;
        this.budget = new WalkBudget(limits);
        this.elfReader = new ElfStreamReader(limits.maxElfBytes());
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
     * name of a single compressed ELF file. Directories cannot come this way. The stream is left open.
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
        } catch (BadInputException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + e.getMessage());
        } catch (AccessDeniedException e) {
            throw new BadInputException("permission denied: " + e.getMessage());
        } catch (WalkBudget.LimitException e) {
            throw new InputLimitException(e.getMessage());
        } catch (ElfFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(Messages.of(e), e);
        } catch (RuntimeException e) {
            // archive libraries throw unchecked exceptions on some malformed inputs
            throw new BadInputException("malformed archive: " + Messages.of(e), e);
        }
        return new InputContents(w.elfFiles, w.foreign, w.otherFiles, w.links, w.skipped, w.budget.inputBytes());
    }


    // ---- top level ----

    private void file(Path file) throws IOException, BadInputException {
        if (inPlace(file, file.getFileName().toString(), "", 0)) {
            return;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            stream(raw, file.getFileName().toString());
        }
    }

    /**
     * Reads a file that is an ELF file (memory-mapped: only the pages the reader touches are read) or a zip
     * (through its central directory, as installers read it) in place; false for any other format, which is read
     * as a stream.
     */
    private boolean inPlace(Path file, String rel, String prefix, int depth) throws IOException, BadInputException {
        Format format;
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), Format.HEAD_BYTES)) {
            format = Format.detect(in);
        }
        if (format == Format.ELF) {
            budget.addInputBytes(Files.size(file));
            try {
                addElf(rel, ElfReader.read(file)); // mapped: no heap, however large
            } catch (ElfFormatException e) {
                throw new BadInputException(rel + ": " + e.getMessage(), e);
            }
            return true;
        }
        if (format == Format.ZIP) {
            budget.addInputBytes(Files.size(file));
            members(MemberReader.open(Format.ZIP, file), format, InputStream.nullInputStream(), prefix, depth);
            return true;
        }
        return false;
    }

    private void stream(InputStream raw, String name) throws IOException, BadInputException {
        BufferedInputStream in = new BufferedInputStream(budget.input(raw), BUFFER);
        Format format = Format.detect(in);
        if (format == Format.ELF) {
            elf(name, in);
        } else if (format == Format.UNKNOWN) {
            ForeignBinary f = sniff(name, in);
            if (f == null) {
                throw new BadInputException("not an ELF file or a supported archive (wheel/zip/jar, tar, .tgz, "
                        + ".tar.xz, .tar.zst, .tar.bz2, .deb)");
            }
            foreign.add(f);
            drain(in);
        } else {
            container(format, in, "", name, 0);
        }
    }

    private void directory(Path root) throws IOException {
        // the argument itself is followed when it is a symbolic link (it is the user's own choice); links found
        // inside are recorded, never followed
        Path base = root.toRealPath();
        Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
                String rel = base.relativize(p).toString().replace('\\', '/');
                budget.entry();
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(p).toString();
                    link(rel, "symbolic link to " + target, ArchivePath.resolveLink(rel, target), "");
                } else if (attrs.isRegularFile()) {
                    directoryFile(p, rel, attrs.size());
                } else {
                    skipped.add(new InputContents.Skipped(rel, "not a regular file"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                throw e;
            }
        });
    }

    private void directoryFile(Path p, String rel, long size) throws IOException, BadInputException {
        if (inPlace(p, rel, rel + "!/", 1)) {
            return;
        }
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(p), BUFFER)) {
            Format format = Format.detect(in);
            if (format == Format.UNKNOWN) {
                other(rel, in);
                return;
            }
            budget.addInputBytes(size);
            container(format, in, rel + "!/", rel, 1);
        }
    }

    // ---- containers ----

    /**
     * Walks an archive or a compressed stream whose members live under {@code prefix}; {@code depth} is 0 for
     * the input itself and 1 for an archive inside it. A compressed stream is no level of its own: a .tgz is a tar.
     */
    private void container(Format format, BufferedInputStream in, String prefix, String name, int depth)
            throws IOException, BadInputException {
        if (format.isArchive()) {
            members(format, in, prefix, depth);
            return;
        }
        try (BufferedInputStream plain = new BufferedInputStream(budget.decompressed(Decompression.open(format, in)),
                BUFFER)) {
            Format inner = Format.detect(plain);
            if (inner.isArchive()) {
                members(inner, plain, prefix, depth);
            } else if (inner == Format.ELF) {
                elf(prefix + Decompression.uncompressedName(name), plain);
            } else if (prefix.isEmpty()) {
                throw new BadInputException("compressed data is neither an archive nor an ELF file");
            } else {
                // a compressed member that is not an archive (a .gz document): just another file
                otherFiles.add(prefix.substring(0, prefix.length() - 2));
                drain(plain);
            }
        }
    }

    private void members(Format format, InputStream in, String prefix, int depth)
            throws IOException, BadInputException {
        members(MemberReader.open(format, in), format, in, prefix, depth);
    }

    private void members(MemberReader opened, Format format, InputStream in, String prefix, int depth)
            throws IOException, BadInputException {
        try (MemberReader reader = opened) {
            Member m;
            while ((m = reader.next()) != null) {
                budget.entry();
                // data that comes out of a decompressor counts against the limit, read or skipped
                InputStream data = format.decompressesMembers() ? budget.decompressed(m.data()) : m.data();
                member(m, data, prefix, depth);
                drain(data);
            }
            // what follows the archive's end (padding, a compressed stream's trailer) is read too
            drain(in);
        }
    }

    // ---- members ----

    private void member(Member m, InputStream data, String prefix, int depth) throws IOException, BadInputException {
        switch (m.kind()) {
            case DIRECTORY -> {
                return;
            }
            case UNREADABLE -> {
                skipped.add(new InputContents.Skipped(prefix + m.name(), "unsupported compression or encryption"));
                return;
            }
            default -> {
                // placed by its path below
            }
        }
        Optional<String> path = m.path();
        if (path.isEmpty()) {
            skipped.add(new InputContents.Skipped(prefix + m.name(), ArchivePath.LEAVES_ARCHIVE));
            return;
        }
        String p = prefix + path.get();
        switch (m.kind()) {
            case SYMLINK -> link(p, "symbolic link to " + m.linkName(), m.linkTarget(), prefix);
            case HARDLINK -> link(p, "hard link to " + m.linkName(), m.linkTarget(), prefix);
            case FILE -> content(p, data, depth);
            default -> skipped.add(new InputContents.Skipped(p, "not a regular file"));
        }
    }

    /** A regular member: an ELF file, an archive inside the input, or another file. */
    private void content(String path, InputStream data, int depth) throws IOException, BadInputException {
        BufferedInputStream in = new BufferedInputStream(data, BUFFER);
        Format format = Format.detect(in);
        if (format == Format.ELF) {
            elf(path, in);
        } else if (format == Format.UNKNOWN) {
            other(path, in);
        } else if (depth >= 1) {
            skipped.add(new InputContents.Skipped(path, "archive nested more than one level deep"));
        } else {
            container(format, in, path + "!/", path.substring(path.lastIndexOf('/') + 1), depth + 1);
        }
    }

    /** A member that is neither ELF nor an archive: a Mach-O or PE image, or just another file. */
    private void other(String path, BufferedInputStream in) throws IOException {
        ForeignBinary f = sniff(path, in);
        if (f != null) {
            foreign.add(f);
        } else {
            otherFiles.add(path);
        }
    }

    /** Looks at the head of {@code in} (marked and reset) for a Mach-O or PE header. */
    private ForeignBinary sniff(String path, BufferedInputStream in) throws IOException {
        in.mark(ForeignBinary.HEAD);
        int n = in.readNBytes(scratch, 0, ForeignBinary.HEAD);
        in.reset();
        return ForeignBinary.sniff(path, scratch, n);
    }

    private void elf(String path, InputStream in) throws IOException, BadInputException {
        addElf(path, elfReader.read(path, in));
    }

    private void addElf(String path, ElfFile elf) {
        if (elf.type() != ElfFile.ET_DYN && elf.type() != ElfFile.ET_EXEC) {
            skipped.add(new InputContents.Skipped(path, "ELF file that is not loadable (e_type " + elf.type() + ")"));
            return;
        }
        elfFiles.add(new InputContents.ElfMember(path, elf));
    }

    /**
     * Records a link at {@code path} to {@code target} (a path in the archive under {@code prefix}), or skips it
     * when the target leaves the input; {@code what} says what the link is, for the report.
     */
    private void link(String path, String what, Optional<String> target, String prefix) {
        if (target.isPresent()) {
            links.put(path, prefix + target.get());
        } else {
            skipped.add(new InputContents.Skipped(path, what + " leaves the input"));
        }
    }

    private void drain(InputStream in) throws IOException {
        while (in.read(scratch) >= 0) {
            // counted by the budget's counters underneath
        }
    }

}
