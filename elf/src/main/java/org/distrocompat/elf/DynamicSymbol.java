package org.distrocompat.elf;

/**
 * One entry of the dynamic symbol table (the null entry at index 0 is not reported).
 *
 * @param name    the symbol name
 * @param defined st_shndx != SHN_UNDEF
 * @param binding LOCAL, GLOBAL, WEAK, UNIQUE, or the number for other values
 * @param type    NOTYPE, OBJECT, FUNC, SECTION, FILE, COMMON, TLS, IFUNC, or the number for other values
 * @param version the version name from {@code .gnu.version} (a definition for defined symbols, a
 *                requirement for undefined ones), or null for index 0 (local), 1 (global), no
 *                version table, or an index that names nothing
 * @param hidden  bit 0x8000 of the version index: {@code name@VERSION} rather than {@code name@@VERSION}
 * @param library for an undefined symbol bound to a required version: the file that version is required of
 *                (the Elf_Verneed's vn_file, e.g. {@code libc.so.6}); null otherwise
 */
public record DynamicSymbol(String name, boolean defined, String binding, String type, String version, boolean hidden,
        String library) {
}
