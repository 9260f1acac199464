package org.distrocompat.core.check;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What one walk has read, against its {@link WalkLimits}: the members it met, the bytes that came out of
 * decompressors (where a bomb would show), and the input's own bytes for the report. The counts are not trusted
 * from any header: they grow as bytes are read.
 */
final class WalkBudget {
    private final WalkLimits limits;
    private long entries;
    private long decompressed;
    private long raw;

    WalkBudget(WalkLimits limits) {
        this.limits = limits;
    }

    /** Counts one archive member. */
    void entry() throws LimitException {
        if (++entries > limits.maxEntries()) {
            throw new LimitException("more than " + limits.maxEntries() + " archive members");
        }
    }

    /**
     * Counts the bytes read from the input itself. Closing the counter leaves the input open: the walk does not
     * own a stream it was given.
     */
    InputStream input(InputStream in) {
        return new Counter(in, n -> raw += n) {
            @Override
            public void close() {
                // the caller closes the input
            }
        };
    }

    /** Counts bytes that come out of a decompressor against {@link WalkLimits#maxTotalBytes()}. */
    InputStream decompressed(InputStream in) {
        return new Counter(in, n -> {
            decompressed += n;
            if (decompressed > limits.maxTotalBytes()) {
                throw new LimitException("expands to more than " + limits.maxTotalBytes()
                        + " bytes (a decompression bomb?)");
            }
        });
    }

    /** Counts bytes of the input that were read without a stream (a directory's files), for the report. */
    void addInputBytes(long n) {
        raw += n;
    }

    long inputBytes() {
        return raw;
    }

    /** A limit of {@link WalkLimits} was crossed; the message says which. */
    static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitException(String message) {
            super(message);
        }
    }

    private interface Tally {
        void add(long n) throws LimitException;
    }

    private static class Counter extends FilterInputStream {
        private final Tally tally;

        Counter(InputStream in, Tally tally) {
            super(in);
            this.tally = tally;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                tally.add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                tally.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) {
                tally.add(s);
            }
            return s;
        }
    }
}
