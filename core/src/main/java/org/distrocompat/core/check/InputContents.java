package org.distrocompat.core.check;

import java.util.List;
import java.util.Map;
import org.distrocompat.elf.ElfFile;

/**
 * What one input holds, as far as a check cares: every ELF file (with its path inside the input, e.g.
 * {@code numpy.libs/libopenblas.so} or {@code inner.jar!/lib/x.so}), the Mach-O and PE natives, the paths of all
 * other regular members,
 * symbolic links (path to normalised target inside the input), members skipped with the reason, and the number
 * of bytes read from the input.
 */
public record InputContents(List<ElfMember> elfFiles, List<ForeignBinary> foreignBinaries, List<String> otherFiles,
        Map<String, String> links, List<Skipped> skipped, long bytesRead) {

    public record ElfMember(String path, ElfFile elf) {
    }

    public record Skipped(String path, String reason) {
    }

    public InputContents {
        elfFiles = List.copyOf(elfFiles);
        foreignBinaries = List.copyOf(foreignBinaries);
        otherFiles = List.copyOf(otherFiles);
        links = Map.copyOf(links);
        skipped = List.copyOf(skipped);
    }
}
