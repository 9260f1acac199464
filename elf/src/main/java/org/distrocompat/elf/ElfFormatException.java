package org.distrocompat.elf;

import java.io.IOException;

/**
 * The input is not a well-formed ELF file, or a part of it that the reader needs is malformed.
 * The message names the problem and, where there is one, the file offset, e.g.
 * {@code "truncated: .gnu.version_d entry at 0x1234 runs past end of file (size 4096)"}.
 */
public class ElfFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }

    public ElfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
