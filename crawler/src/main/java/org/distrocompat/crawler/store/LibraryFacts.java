package org.distrocompat.crawler.store;

import java.util.List;
import org.distrocompat.elf.DynamicSymbol;
import org.distrocompat.elf.VersionDefinition;

/**
 * What is stored of one shared library of a package.
 *
 * @param soname      the name the loader looks up (package_library.soname)
 * @param path        the real file in the package
 * @param elfSoname   DT_SONAME, or null
 * @param definitions every .gnu.version_d entry
 * @param symbols     exported (defined, non-local) dynamic symbols
 */
public record LibraryFacts(String soname, String path, String sha256, long size, int machine, String arch,
        String elfSoname, List<VersionDefinition> definitions, List<DynamicSymbol> symbols) {
}
