package org.distrocompat.api.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfFormatException;
import org.distrocompat.elf.ElfReader;
import org.distrocompat.elf.VersionDefinition;
import org.distrocompat.elf.VersionNeed;
import org.distrocompat.elf.VersionNeedAux;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code elf}: the symbol versioning of ELF files as the pure-Java reader sees it (no database needed).
 * A file that cannot be read is reported as one line on stderr; the others are still printed, and the exit
 * code is then 2.
 */
@Command(name = "elf", header = "Print the ELF symbol versioning of files (like readelf -V)", mixinStandardHelpOptions = true,
        description = "Print the ELF symbol versioning of files (like readelf -V)")
final class ElfCommand extends CommandBase implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "ELF executables or shared libraries")
    List<Path> files;

    @Option(names = "--json", description = "print a JSON array with one object per readable file, in argument order")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        int code = ExitCodes.OK;
        List<Map<String, Object>> objects = new ArrayList<>();
        boolean first = true;
        for (Path file : files) {
            ElfFile f;
            try {
                f = read(file);
            } catch (IOException e) {
                err.println("distrocompat: elf: " + file + ": " + problem(file, e));
                err.flush();
                code = ExitCodes.BAD_INPUT;
                continue;
            }
            if (json) {
                objects.add(toJson(file, f));
            } else {
                if (!first) {
                    out.println();
                }
                printHuman(out, file, f);
                first = false;
            }
        }
        if (json) {
            Json.print(out, objects);
        }
        out.flush();
        return code;
    }

    /** Reads a regular file; anything else (a FIFO would block for ever, a pipe holds no file to map) is refused. */
    private static ElfFile read(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (a.isDirectory()) {
            throw new IOException("is a directory");
        }
        if (!a.isRegularFile()) {
            throw new IOException("not a regular file (a pipe, FIFO, device or socket): elf reads files; save the data "
                    + "to a file first");
        }
        return ElfReader.read(file);
    }

    static String problem(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return FileNames.missing(file, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof ElfFormatException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static String typeName(int type) {
        return switch (type) {
            case ElfFile.ET_REL -> "REL";
            case ElfFile.ET_EXEC -> "EXEC";
            case ElfFile.ET_DYN -> "DYN";
            case ElfFile.ET_CORE -> "CORE";
            default -> String.valueOf(type);
        };
    }

    static String flagNames(int flags) {
        if (flags == 0) {
            return "none";
        }
        List<String> names = new ArrayList<>();
        if ((flags & VersionDefinition.VER_FLG_BASE) != 0) {
            names.add("BASE");
        }
        if ((flags & VersionDefinition.VER_FLG_WEAK) != 0) {
            names.add("WEAK");
        }
        if ((flags & VersionDefinition.VER_FLG_INFO) != 0) {
            names.add("INFO");
        }
        if ((flags & ~7) != 0) {
            names.add("0x" + Integer.toHexString(flags & ~7));
        }
        return String.join(" | ", names);
    }

    static Map<String, Object> toJson(Path file, ElfFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.toString());
        m.put("arch", f.arch());
        m.put("class", f.elfClass());
        m.put("byte_order", f.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big");
        m.put("machine", f.machine());
        m.put("flags", f.flags());
        m.put("type", typeName(f.type()));
        m.put("interpreter", f.interpreter());
        m.put("musl", f.isMusl());
        m.put("soname", f.soname());
        m.put("needed", f.needed());
        m.put("rpath", f.rpath());
        m.put("runpath", f.runpath());
        m.put("base", f.baseDefinitionName());
        m.put("definitions", f.definedVersionNames());
        m.put("requirements", f.requiredVersions());
        List<String> weak = new ArrayList<>();
        for (VersionNeed n : f.requirements()) {
            for (VersionNeedAux a : n.versions()) {
                if (a.isWeak()) {
                    weak.add(n.file() + ":" + a.name());
                }
            }
        }
        m.put("weak_requirements", weak);
        m.put("symbols", f.symbols().size());
        m.put("versioned_symbols", f.versionedSymbolCount());
        return m;
    }

    static void printHuman(PrintWriter out, Path file, ElfFile f) {
        out.println(file + ":");
        out.printf("  arch:         %s (ELF%d, %s-endian, machine %d, flags 0x%x, type %s)%n", f.arch(),
                f.elfClass(), f.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big", f.machine(), f.flags(),
                typeName(f.type()));
        out.println("  interpreter:  " + orNone(f.interpreter()) + (f.isMusl() ? " (musl)" : ""));
        out.println("  soname:       " + orNone(f.soname()));
        out.println("  needed:       " + joinOrNone(f.needed()));
        if (!f.rpath().isEmpty()) {
            out.println("  rpath:        " + String.join(":", f.rpath()));
        }
        out.println("  runpath:      " + (f.runpath().isEmpty() ? "(none)" : String.join(":", f.runpath())));
        if (f.definitions().isEmpty()) {
            out.println("  version definitions: none");
        } else {
            out.println("  version definitions (" + f.definitions().size() + "):");
            for (VersionDefinition d : f.definitions()) {
                out.printf("    %3d  %-6s %s%s%n", d.index(), flagNames(d.flags()), d.name(),
                        d.parents().isEmpty() ? "" : "  (parent " + String.join(", ", d.parents()) + ")");
            }
        }
        if (f.requirements().isEmpty()) {
            out.println("  version requirements: none");
        } else {
            out.println("  version requirements:");
            for (VersionNeed n : f.requirements()) {
                out.println("    " + n.file() + ":");
                for (VersionNeedAux a : n.versions()) {
                    out.printf("      %-28s index %d%s%n", a.name(), a.other(), a.isWeak() ? "  WEAK" : "");
                }
            }
        }
        out.println("  dynamic symbols: " + f.symbols().size() + " (" + f.versionedSymbolCount() + " versioned)");
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : s;
    }

    private static String joinOrNone(List<String> l) {
        return l.isEmpty() ? "(none)" : String.join(", ", l);
    }
}
