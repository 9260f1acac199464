package org.distrocompat.crawler.archive;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/** Decompressing input streams chosen by file-name suffix (.xz, .zst, .gz, .bz2, or none). */
public final class Decompression {
    private Decompression() {
    }

    /** Wraps {@code in} for a name's compression suffix; an unknown suffix means uncompressed. */
    public static InputStream open(String name, InputStream in) throws IOException {
        InputStream b = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        if (name.endsWith(".xz")) {
            return new XZInputStream(b);
        }
        if (name.endsWith(".zst")) {
            return new ZstdInputStream(b);
        }
        if (name.endsWith(".gz")) {
            return new GZIPInputStream(b, 1 << 16);
        }
        if (name.endsWith(".bz2")) {
            return new BZip2CompressorInputStream(b);
        }
        return b;
    }
}
