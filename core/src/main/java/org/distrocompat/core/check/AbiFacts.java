package org.distrocompat.core.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.elf.DynamicSymbol;
import org.distrocompat.elf.ElfFile;

/**
 * What auditwheel looks at besides symbol versions and libraries, for the ELF files of one platform:
 * <ul>
 * <li>the CPython extension modules: files defining the FUNC {@code PyInit_<module>} (Python 3) or
 * {@code init<module>} / {@code _cffi_pypyinit_<module>} (Python 2), the module being the file name up to its
 * first dot;</li>
 * <li>the top-level files: the extensions and every file whose name no ELF file of the platform needs (the rest
 * are libraries loaded by those);</li>
 * <li>references to {@code PyFPE_jbuf}, {@code PyFPE_dummy}, {@code PyFPE_counter} (undefined FUNC or NOTYPE) in
 * extensions, which only a CPython built {@code --with-fpectl} defines (PEP 513);</li>
 * <li>references to {@code PyUnicodeUCS2_*} (undefined FUNC) in Python 2 extensions: a narrow-unicode CPython;</li>
 * <li>the x86-64 ISA level each top-level file needs by its GNU property note (v2, v3, v4);</li>
 * <li>for the policies' blacklists: each top-level file's DT_NEEDED and undefined non-weak symbol names.</li>
 * </ul>
 *
 * @param extensions  paths of the Python extension modules
 * @param topLevel    the top-level files with what a blacklist is matched against
 * @param pyfpe       PyFPE references in extensions
 * @param ucs2        UCS2 references in Python 2 extensions
 * @param isaLevels   top-level file -> the x86-64 level it needs above the baseline: 2, 3 or 4; 0 for bits of no
 *                    known level
 */
public record AbiFacts(List<String> extensions, List<TopLevel> topLevel, List<SymbolRef> pyfpe, List<SymbolRef> ucs2,
        Map<String, Integer> isaLevels) {

    /** A top-level file: its DT_NEEDED and its undefined, non-weak symbol names. */
    public record TopLevel(String path, List<String> needed, Set<String> undefined) {
    }

    private static final Set<String> PYFPE = Set.of("PyFPE_jbuf", "PyFPE_dummy", "PyFPE_counter");

    public static AbiFacts of(List<InputContents.ElfMember> members) {
        Set<String> neededNames = new HashSet<>();
        for (InputContents.ElfMember m : members) {
            neededNames.addAll(m.elf().needed());
        }
        List<String> extensions = new ArrayList<>();
        List<TopLevel> topLevel = new ArrayList<>();
        List<SymbolRef> pyfpe = new ArrayList<>();
        List<SymbolRef> ucs2 = new ArrayList<>();
        Map<String, Integer> isa = new LinkedHashMap<>();
        for (InputContents.ElfMember m : members) {
            String name = m.path().substring(m.path().lastIndexOf('/') + 1);
            int python = pythonExtension(name, m.elf());
            if (python > 0) {
                extensions.add(m.path());
                for (DynamicSymbol s : m.elf().symbols()) {
                    if (s.defined()) {
                        continue;
                    }
                    if (PYFPE.contains(s.name()) && ("FUNC".equals(s.type()) || "NOTYPE".equals(s.type()))) {
                        pyfpe.add(new SymbolRef(m.path(), s.name()));
                    }
                    if (python == 2 && s.name().contains("PyUnicodeUCS2_") && "FUNC".equals(s.type())) {
                        ucs2.add(new SymbolRef(m.path(), s.name()));
                    }
                }
            }
            if (python == 0 && neededNames.contains(name)) {
                continue; // a library the others load
            }
            Set<String> undefined = new HashSet<>();
            for (DynamicSymbol s : m.elf().symbols()) {
                if (!s.defined() && !"WEAK".equals(s.binding())) {
                    undefined.add(s.name());
                }
            }
            topLevel.add(new TopLevel(m.path(), m.elf().needed(), undefined));
            int level = isaLevel(m.elf());
            if (level != 1) {
                isa.put(m.path(), level);
            }
        }
        return new AbiFacts(extensions, topLevel, pyfpe, ucs2, isa);
    }

    /** 3 for a Python 3 extension module, 2 for a Python 2 one, 0 for other files. */
    static int pythonExtension(String fileName, ElfFile elf) {
        String module = fileName.contains(".") ? fileName.substring(0, fileName.indexOf('.')) : fileName;
        String py3 = "PyInit_" + module;
        String py2 = "init" + module;
        String pypy = "_cffi_pypyinit_" + module;
        for (DynamicSymbol s : elf.symbols()) {
            if (!s.defined() || !"FUNC".equals(s.type())) {
                continue;
            }
            if (s.name().equals(py3)) {
                return 3;
            }
            if (s.name().equals(py2) || s.name().equals(pypy)) {
                return 2;
            }
        }
        return 0;
    }

    /**
     * The x86-64 micro-architecture level a file needs by GNU_PROPERTY_X86_ISA_1_NEEDED: 1 for the baseline (or no
     * such property, or not x86-64), 2, 3 or 4 for x86-64-v2..v4 (the highest bit set decides), 0 when other bits
     * are set.
     */
    static int isaLevel(ElfFile elf) {
        if (!"x86_64".equals(elf.arch())) {
            return 1;
        }
        long bits = elf.x86IsaNeeded();
        if (bits < 0) {
            return 1;
        }
        bits &= ~1L; // the baseline
        if ((bits & 8) != 0) {
            return 4;
        }
        if ((bits & 4) != 0) {
            return 3;
        }
        if ((bits & 2) != 0) {
            return 2;
        }
        return bits == 0 ? 1 : 0;
    }

    /** The level's name as auditwheel prints it: x86_64_v3; "an unknown x86-64 ISA" for unknown bits. */
    public static String isaName(int level) {
        return level == 0 ? "an unknown x86-64 ISA" : "x86_64_v" + level;
    }
}
