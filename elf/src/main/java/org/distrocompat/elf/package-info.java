/**
 * The ELF reader: header, program and section headers, dynamic section, symbol versioning
 * ({@code .gnu.version}, {@code .gnu.version_d}, {@code .gnu.version_r}), dynamic symbols and notes, from a byte
 * buffer or a mapped file. Depends on nothing but the JDK; hostile input fails with
 * {@link org.distrocompat.elf.ElfFormatException}, never a hang or a crash.
 */
package org.distrocompat.elf;
