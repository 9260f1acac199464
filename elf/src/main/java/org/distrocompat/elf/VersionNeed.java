package org.distrocompat.elf;

import java.util.List;

/**
 * One entry of {@code .gnu.version_r} (Elf_Verneed): the versions required from one needed file.
 *
 * @param file     vn_file, e.g. {@code libc.so.6}
 * @param versions the Elf_Vernaux entries in file order
 */
public record VersionNeed(String file, List<VersionNeedAux> versions) {
    public VersionNeed {
        versions = List.copyOf(versions);
    }

    /** The required version names in file order. */
    public List<String> versionNames() {
        return versions.stream().map(VersionNeedAux::name).toList();
    }
}
