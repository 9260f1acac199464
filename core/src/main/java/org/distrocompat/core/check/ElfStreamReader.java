package org.distrocompat.core.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfFormatException;
import org.distrocompat.elf.ElfReader;

/**
 * Reads an ELF file that arrives as a stream (an archive member) with bounded memory. The ELF reader only touches
 * the headers and the dynamic tables, a few pages of even the largest library; but a stream has to be read to its
 * end to reach them. Up to {@link #IN_MEMORY_BYTES} the bytes are kept in one reused buffer; a larger member (a
 * 414 MB libtorch) is copied to a private temporary file that the reader maps, so the heap never holds it and a
 * check fits in a 256 MB heap whatever the input. The per-file cap of {@link WalkLimits#maxElfBytes()} holds for
 * both.
 */
final class ElfStreamReader {
    /** Members up to this size are read in memory; larger ones go through a temporary file. */
    static final int IN_MEMORY_BYTES = 16 << 20;
    private static final int BUFFER = 1 << 16;

    private final long maxBytes;
    // grows (doubling) for big ELF files; small to start, as most uploads are small
    private byte[] buffer = new byte[1 << 16];

    ElfStreamReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Parses the ELF file {@code in} holds; {@code path} names it in messages. */
    ElfFile read(String path, InputStream in) throws IOException, BadInputException {
        int n = fill(in);
        int next = n < buffer.length ? -1 : in.read();
        if (next < 0) {
            return parse(path, ByteBuffer.wrap(buffer, 0, n));
        }
        if (n + 1L > maxBytes) {
            throw tooLarge(path);
        }
        Path tmp = Files.createTempFile("distrocompat-elf-", ".so"); // private to the user (0600)
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(buffer, 0, n);
                out.write(next);
                spill(path, in, out, n + 1L);
            }
            return ElfReader.read(tmp);
        } catch (ElfFormatException e) {
            throw new BadInputException(path + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads into the buffer, growing it up to {@link #IN_MEMORY_BYTES}; returns how many bytes it holds. */
    private int fill(InputStream in) throws IOException {
        int n = 0;
        int cap = (int) Math.min(IN_MEMORY_BYTES, maxBytes);
        while (true) {
            if (n == buffer.length) {
                if (n >= cap) {
                    return n;
                }
                byte[] bigger = new byte[Math.min(cap, buffer.length * 2)];
                System.arraycopy(buffer, 0, bigger, 0, n);
                buffer = bigger;
            }
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                return n;
            }
            n += r;
        }
    }

    private void spill(String path, InputStream in, OutputStream out, long written) throws IOException,
            BadInputException {
        byte[] chunk = new byte[BUFFER];
        long total = written;
        int r;
        while ((r = in.read(chunk)) > 0) {
            total += r;
            if (total > maxBytes) {
                throw tooLarge(path);
            }
            out.write(chunk, 0, r);
        }
    }

    private InputLimitException tooLarge(String path) {
        return new InputLimitException(path + ": ELF file larger than the " + (maxBytes >> 20) + " MiB limit");
    }

    private static ElfFile parse(String path, ByteBuffer data) throws BadInputException {
        try {
            return ElfReader.read(data);
        } catch (ElfFormatException e) {
            throw new BadInputException(path + ": " + e.getMessage(), e);
        }
    }
}
