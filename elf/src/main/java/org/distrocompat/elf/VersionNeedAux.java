package org.distrocompat.elf;

/**
 * One Elf_Vernaux entry: a version required from a needed file.
 *
 * @param name  vna_name, e.g. {@code GLIBC_2.17}
 * @param flags vna_flags (VER_FLG_WEAK = 2)
 * @param other vna_other, the version index symbols refer to through {@code .gnu.version}
 */
public record VersionNeedAux(String name, int flags, int other) {
    public boolean isWeak() {
        return (flags & VersionDefinition.VER_FLG_WEAK) != 0;
    }
}
