package org.distrocompat.db.repo;

import java.util.List;

/**
 * What is stored of one shared library of a package.
 *
 * @param soname      the name the loader looks up (package_library.soname)
 * @param path        the real file in the package
 * @param elfSoname   DT_SONAME, or null
 * @param machine     e_machine
 * @param arch        the wheel architecture the ELF header means
 * @param definitions every .gnu.version_d entry
 * @param symbols     exported (defined, non-local) dynamic symbols
 */
public record LibraryFacts(String soname, String path, String sha256, long size, int machine, String arch,
        String elfSoname, List<Definition> definitions, List<Symbol> symbols) {

    /** One .gnu.version_d entry: its index, name, flags and whether it is the file's base entry. */
    public record Definition(int index, String name, int flags, boolean base) {
    }

    /** An exported dynamic symbol with its version ("" when unversioned); hidden for name@VERSION. */
    public record Symbol(String name, String version, boolean hidden, String type, String binding) {
    }

    public LibraryFacts {
        definitions = List.copyOf(definitions);
        symbols = List.copyOf(symbols);
    }
}
