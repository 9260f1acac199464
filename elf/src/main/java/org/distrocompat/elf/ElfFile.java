package org.distrocompat.elf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ElfReader} extracts from an ELF file: identification, the dynamic section's names and
 * the GNU symbol-versioning tables.
 *
 * @param elfClass     32 or 64
 * @param byteOrder    little or big endian
 * @param machine      e_machine
 * @param flags        e_flags
 * @param type         e_type (2 EXEC, 3 DYN, ...)
 * @param arch         the wheel architecture name (x86_64, i686, aarch64, armv7l, ppc64le, ppc64, s390x,
 *                     riscv64, loongarch64) or "unknown"
 * @param interpreter  PT_INTERP, or null
 * @param soname       DT_SONAME, or null
 * @param needed       DT_NEEDED in order
 * @param rpath        DT_RPATH entries (split at ':')
 * @param runpath      DT_RUNPATH entries (split at ':')
 * @param definitions  {@code .gnu.version_d} in file order, including the BASE entry
 * @param requirements {@code .gnu.version_r} in file order
 * @param symbols      dynamic symbols (without the null entry at index 0)
 * @param osAbi        e_ident[EI_OSABI]: 0 System V, 3 GNU/Linux, 6 Solaris, 9 FreeBSD, 12 OpenBSD, ...
 * @param notes        the notes of the PT_NOTE segments (of the SHT_NOTE sections when there are none): the loaded ones
 */
public record ElfFile(int elfClass, ByteOrder byteOrder, int machine, int flags, int type, String arch,
                      String interpreter, String soname, List<String> needed, List<String> rpath,
                      List<String> runpath, List<VersionDefinition> definitions,
                      List<VersionNeed> requirements, List<DynamicSymbol> symbols, int osAbi, List<ElfNote> notes) {

    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;

    public ElfFile {
        needed = List.copyOf(needed);
        rpath = List.copyOf(rpath);
        runpath = List.copyOf(runpath);
        definitions = List.copyOf(definitions);
        requirements = List.copyOf(requirements);
        symbols = List.copyOf(symbols);
        notes = List.copyOf(notes);
    }

    public static final int ELFOSABI_NONE = 0;
    public static final int ELFOSABI_NETBSD = 2;
    public static final int ELFOSABI_GNU = 3;
    public static final int ELFOSABI_SOLARIS = 6;
    public static final int ELFOSABI_FREEBSD = 9;
    public static final int ELFOSABI_OPENBSD = 12;

    /**
     * The architecture's name: the wheel name when it has one ({@link #arch}), otherwise the name {@code uname -m}
     * gives such a machine (armv5l, mips64, ppc, s390, sparc64, x32, ...); see {@link ElfReader#machineName}.
     */
    public String machineName() {
        return ElfReader.machineName(elfClass, byteOrder, machine, flags);
    }

    /**
     * The x86 ISA levels of the GNU property note's GNU_PROPERTY_X86_ISA_1_NEEDED (bit 0 baseline, 1 x86-64-v2,
     * 2 v3, 3 v4), or -1 when the file carries no such property.
     */
    public long x86IsaNeeded() {
        for (ElfNote n : notes) {
            long v = n.gnuProperty(ElfNote.GNU_PROPERTY_X86_ISA_1_NEEDED, byteOrder, is64());
            if (v >= 0) {
                return v;
            }
        }
        return -1;
    }

    /** Whether a note of this owner ("GNU", "FreeBSD", "Android", ...) and type is present. */
    public boolean hasNote(String owner, long type) {
        return notes.stream().anyMatch(n -> n.owner().equals(owner) && n.type() == type);
    }

    /** The first word of the first note of this owner and type (an ABI tag's OS, Android's API level), or -1. */
    public long noteWord(String owner, long type) {
        return notes.stream().filter(n -> n.owner().equals(owner) && n.type() == type).findFirst()
                .map(n -> n.firstWord(byteOrder)).orElse(-1L);
    }

    /** True when the program interpreter is musl's dynamic loader. */
    public boolean isMusl() {
        return interpreter != null && interpreter.contains("ld-musl-");
    }

    /** Names of all version definitions in file order, including the BASE one (the soname). */
    public List<String> definitionNames() {
        return definitions.stream().map(VersionDefinition::name).toList();
    }

    /** Names of the version definitions in file order, without the BASE one. */
    public List<String> definedVersionNames() {
        return definitions.stream().filter(d -> !d.isBase()).map(VersionDefinition::name).toList();
    }

    /** The BASE definition's name (normally the soname), or null when there is none. */
    public String baseDefinitionName() {
        return definitions.stream().filter(VersionDefinition::isBase).map(VersionDefinition::name)
                .findFirst().orElse(null);
    }

    /** Required version names per needed file, in file order. */
    public Map<String, List<String>> requiredVersions() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (VersionNeed n : requirements) {
            m.computeIfAbsent(n.file(), k -> new ArrayList<>()).addAll(n.versionNames());
        }
        return m;
    }

    /** Number of dynamic symbols that carry a version name. */
    public long versionedSymbolCount() {
        return symbols.stream().filter(s -> s.version() != null).count();
    }

    /** Defined (exported) dynamic symbols, excluding LOCAL ones. */
    public List<DynamicSymbol> exportedSymbols() {
        return symbols.stream().filter(s -> s.defined() && !"LOCAL".equals(s.binding())).toList();
    }

    /** "32-bit"/"64-bit" style helper: 32 or 64. */
    public boolean is64() {
        return elfClass == 64;
    }
}
