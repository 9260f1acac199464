package org.distrocompat.crawler.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Decompressing input streams (gzip, xz, zstd, bzip2), chosen by a file name's suffix (index files whose name is
 * part of a signed contract, such as {@code Packages.xz}) or by the data's first bytes (anything a user or an
 * archive hands over). Concatenated streams are read as one, as gzip(1) does: Alpine's .apk, pigz and pbzip2
 * output are several streams in a row. Closing a decompressing stream closes the stream it reads.
 */
public final class Decompression {
    private static final int BUFFER = 1 << 16;

    private record Suffix(String suffix, Format format, String replacement) {
    }

    private static final List<Suffix> SUFFIXES = List.of(new Suffix(".gz", Format.GZIP, ""),
            new Suffix(".tgz", Format.GZIP, ".tar"), new Suffix(".xz", Format.XZ, ""),
            new Suffix(".txz", Format.XZ, ".tar"), new Suffix(".zst", Format.ZSTD, ""),
            new Suffix(".zstd", Format.ZSTD, ""), new Suffix(".bz2", Format.BZIP2, ""),
            new Suffix(".tbz2", Format.BZIP2, ".tar"));

    private Decompression() {
    }

    /** Wraps {@code in} for a name's compression suffix; a name without one means uncompressed data. */
    public static InputStream open(String name, InputStream in) throws IOException {
        for (Suffix s : SUFFIXES) {
            if (name.endsWith(s.suffix())) {
                return open(s.format(), in);
            }
        }
        return buffered(in);
    }

    /** Wraps {@code in} when its first bytes are a compressed stream's; returns {@code in} itself otherwise. */
    public static InputStream openByContent(BufferedInputStream in) throws IOException {
        Format format = Format.detect(in);
        return format.isCompression() ? open(format, in) : in;
    }

    /** A decompressing stream for a {@linkplain Format#isCompression() compression format}. */
    public static InputStream open(Format format, InputStream in) throws IOException {
        InputStream b = buffered(in);
        return switch (format) {
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(b).setDecompressConcatenated(true).get();
            case XZ -> XZCompressorInputStream.builder().setInputStream(b).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdCompressorInputStream(b);
            case BZIP2 -> new BZip2CompressorInputStream(b, true);
            default -> throw new IllegalArgumentException(format + " is not a compression format");
        };
    }

    /** The name without its compression suffix: {@code x.so.gz} → {@code x.so}, {@code x.tgz} → {@code x.tar}. */
    public static String uncompressedName(String name) {
        for (Suffix s : SUFFIXES) {
            if (name.endsWith(s.suffix())) {
                return name.substring(0, name.length() - s.suffix().length()) + s.replacement();
            }
        }
        return name;
    }

    private static InputStream buffered(InputStream in) {
        // the decompressors read their input in small pieces
        return in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER);
    }
}
