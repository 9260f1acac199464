package org.distrocompat.api.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a request body as they are read and stops the read once more than the limit came: the body
 * is never buffered whole, so the limit holds whatever Content-Length claimed (or whether one was sent at all).
 */
final class UploadLimit extends FilterInputStream {
    private final long max;
    private long count;

    UploadLimit(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** The body is larger than the server accepts; 413 wherever it surfaces. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("the upload is larger than this server's limit of " + Sizes.human(max)
                    + " (serve --max-upload)");
        }
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        if (s > 0) {
            add(s);
        }
        return s;
    }

    private void add(long n) throws TooLarge {
        count += n;
        if (count > max) {
            throw new TooLarge(max);
        }
    }
}
