package org.distrocompat.crawler.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Where each gzip stream of a concatenation begins and ends (RFC 1952 members in a row, as in an Alpine .apk or
 * APKINDEX.tar.gz). Signatures and checksums in those formats cover the compressed bytes of one stream, so the
 * boundaries must be exact: each member's header is parsed, its deflate data inflated to the end, and its trailer
 * skipped.
 */
public final class GzipStreams {
    private static final int FTEXT_HCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;

    /** One gzip stream: its compressed bytes are {@code [start, end)} of the concatenation. */
    public record Stream(int start, int end) {
        public byte[] slice(byte[] all) {
            return Arrays.copyOfRange(all, start, end);
        }
    }

    private GzipStreams() {
    }

    /** The streams of {@code data}, in order; an IOException when it is not gzip streams end to end. */
    public static List<Stream> split(byte[] data) throws IOException {
        List<Stream> out = new ArrayList<>();
        int pos = 0;
        byte[] sink = new byte[1 << 16];
        while (pos < data.length) {
            int start = pos;
            if (data.length - pos < 18 || (data[pos] & 0xff) != 0x1f || (data[pos + 1] & 0xff) != 0x8b
                    || data[pos + 2] != 8) {
                throw new IOException("not a gzip stream at offset " + pos);
            }
            int flags = data[pos + 3] & 0xff;
            pos += 10;
            if ((flags & FEXTRA) != 0) {
                pos = need(data, pos, 2);
                int xlen = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
                pos = need(data, pos + 2, xlen) + xlen;
            }
            if ((flags & FNAME) != 0) {
                pos = skipZeroTerminated(data, pos);
            }
            if ((flags & FCOMMENT) != 0) {
                pos = skipZeroTerminated(data, pos);
            }
            if ((flags & FTEXT_HCRC) != 0) {
                pos = need(data, pos, 2) + 2;
            }
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(data, pos, data.length - pos);
                while (!inflater.finished()) {
                    if (inflater.inflate(sink) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IOException("truncated gzip stream at offset " + start);
                    }
                }
                pos = data.length - inflater.getRemaining();
            } catch (DataFormatException e) {
                throw new IOException("damaged gzip stream at offset " + start + ": " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
            pos = need(data, pos, 8) + 8; // CRC32 and ISIZE
            out.add(new Stream(start, pos));
        }
        return out;
    }

    private static int need(byte[] data, int pos, int n) throws IOException {
        if (pos + n > data.length || n < 0) {
            throw new IOException("truncated gzip header at offset " + pos);
        }
        return pos;
    }

    private static int skipZeroTerminated(byte[] data, int pos) throws IOException {
        while (pos < data.length && data[pos] != 0) {
            pos++;
        }
        return need(data, pos, 1) + 1;
    }
}
