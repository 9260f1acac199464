package org.distrocompat.elf;

import java.util.List;

/**
 * One entry of {@code .gnu.version_d} (Elf_Verdef with its Elf_Verdaux chain).
 *
 * @param index   vd_ndx, the version index symbols refer to through {@code .gnu.version}
 * @param flags   vd_flags (VER_FLG_BASE = 1, VER_FLG_WEAK = 2, VER_FLG_INFO = 4)
 * @param name    the first aux entry's name (for the BASE entry: the soname)
 * @param parents the names of the aux entries after the first
 */
public record VersionDefinition(int index, int flags, String name, List<String> parents) {
    public static final int VER_FLG_BASE = 1;
    public static final int VER_FLG_WEAK = 2;
    public static final int VER_FLG_INFO = 4;

    public VersionDefinition {
        parents = List.copyOf(parents);
    }

    public boolean isBase() {
        return (flags & VER_FLG_BASE) != 0;
    }

    public boolean isWeak() {
        return (flags & VER_FLG_WEAK) != 0;
    }
}
