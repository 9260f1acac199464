package org.distrocompat.crawler.archive;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.distrocompat.crawler.fetch.Sha256;
import org.eclipse.packager.rpm.RpmSignatureTag;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.parse.HeaderValue;
import org.eclipse.packager.rpm.parse.InputHeader;
import org.eclipse.packager.rpm.parse.RpmInputStream;

/**
 * Reads the wanted shared libraries out of an RPM package as one stream: lead → signature header → header → payload
 * (gzip, xz, zstd, bzip2 or lzma) → cpio, nothing unpacked to disk. The lead and headers are parsed by Eclipse Packager's
 * {@link RpmInputStream}, which also opens the payload with the decoder the header names and hands it to
 * commons-compress's cpio reader; the files are then chosen as for any package ({@link PackageLibraries}: symlinks
 * followed, a name leaving the package fails it).
 *
 * <p>Integrity: the bytes Packager reads are kept until the payload starts, so that the caller's {@link HeaderCheck}
 * can verify the header's OpenPGP signatures over the exact stored header (and its SHA256 where the signature header
 * lists one) before anything of the payload is used, and so that the payload's own digest (PAYLOADDIGEST, signed as
 * part of the header) is computed over exactly the compressed bytes and compared once the stream ends.
 */
public final class RpmReader {
    /** Headers larger than this are refused: glibc's, with every file listed, is well below 2 MiB. */
    static final int MAX_HEADER_BYTES = 64 << 20;

    private static final int TAG_SHA256_HEADER = 273;
    private static final int TAG_RSA_HEADER = 268;
    private static final int TAG_DSA_HEADER = 267;
    /** rpm's PGPHASHALGO numbers, as the PAYLOADDIGESTALGO tag gives them. */
    private static final int HASH_SHA256 = 8;

    private RpmReader() {
    }

    /** Called with the header before the payload is read; throws to refuse the package. */
    @FunctionalInterface
    public interface HeaderCheck {
        HeaderCheck NONE = h -> {
        };

        void check(RpmHeader header) throws IOException;
    }

    /** The header alone (the payload is not read). */
    public static RpmHeader readHeader(InputStream rpm) throws IOException {
        Recording raw = new Recording(CloseShieldInputStream.wrap(rpm));
        try (RpmInputStream in = new RpmInputStream(raw)) {
            return header(in, raw);
        }
    }

    /**
     * The libraries {@code selector} wants, after {@code check} accepted the header. The stream is read to its end
     * (the payload digest covers all of it) and left open.
     */
    public static List<ExtractedLibrary> readLibraries(InputStream rpm, LibrarySelector selector, HeaderCheck check)
            throws IOException {
        Recording raw = new Recording(CloseShieldInputStream.wrap(rpm));
        try (RpmInputStream in = new RpmInputStream(raw)) {
            RpmHeader header = header(in, raw);
            check.check(header);
            long payloadStart = in.getPayloadHeader().getStart() + in.getPayloadHeader().getLength();
            raw.digestFrom(payloadStart, header.payloadDigest() == null ? null : digestAlgorithm(in));
            List<ExtractedLibrary> libs;
            // closed after draining: closing the members closes the decompressor (zstd holds native memory)
            try (RpmMembers members = new RpmMembers(in.getCpioStream())) {
                try {
                    libs = PackageLibraries.read(members, selector);
                } catch (IOException e) {
                    // a damaged payload usually trips the decompressor first: say what the digest says
                    if (header.payloadDigest() != null && raw.drainQuietly()) {
                        checkPayloadDigest(header, raw, e);
                    }
                    throw e;
                }
                raw.drain();
            }
            if (header.payloadDigest() != null) {
                checkPayloadDigest(header, raw, null);
            }
            return libs;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("not a readable RPM package: " + e.getMessage(), e);
        }
    }

    private static void checkPayloadDigest(RpmHeader header, Recording raw, IOException cause) throws IOException {
        String got = raw.digestHex();
        if (!got.equalsIgnoreCase(header.payloadDigest())) {
            throw new IOException(header.nevra() + ": payload digest " + got + " where the header says "
                    + header.payloadDigest(), cause);
        }
    }

    private static RpmHeader header(RpmInputStream in, Recording raw) throws IOException {
        InputHeader<RpmSignatureTag> sig;
        InputHeader<RpmTag> h;
        try {
            sig = in.getSignatureHeader();
            h = in.getPayloadHeader();
        } catch (RuntimeException e) {
            throw new IOException("not a readable RPM package: " + e.getMessage(), e);
        }
        byte[] headerBytes = raw.slice(h.getStart(), h.getLength());
        List<byte[]> signatures = new ArrayList<>();
        for (int tag : new int[] {TAG_RSA_HEADER, TAG_DSA_HEADER}) {
            sig.getOptionalTag(tag).filter(byte[].class::isInstance).map(byte[].class::cast).ifPresent(signatures::add);
        }
        String name = string(h, RpmTag.NAME).orElseThrow(() -> new IOException("RPM header has no NAME"));
        String headerSha256 = sig.getOptionalTag(TAG_SHA256_HEADER).map(RpmReader::firstString).orElse(null);
        if (headerSha256 != null && !headerSha256.equalsIgnoreCase(Sha256.hex(headerBytes))) {
            throw new IOException(name + ": header SHA256 " + Sha256.hex(headerBytes) + " where the signature header says "
                    + headerSha256);
        }
        return new RpmHeader(name, integer(h, RpmTag.EPOCH), string(h, RpmTag.VERSION).orElse(null),
                string(h, RpmTag.RELEASE).orElse(null), string(h, RpmTag.ARCH).orElse(null),
                string(h, RpmTag.SOURCE_PACKAGE).orElse(null), string(h, RpmTag.PAYLOAD_CODING).orElse("gzip"),
                string(h, RpmTag.PAYLOAD_DIGEST).orElse(null), headerBytes, signatures, headerSha256);
    }

    private static String digestAlgorithm(RpmInputStream in) throws IOException {
        Integer algo = integer(in.getPayloadHeader(), RpmTag.PAYLOAD_DIGEST_ALGO);
        int a = algo == null ? HASH_SHA256 : algo;
        return switch (a) {
            case 8 -> "SHA-256";
            case 9 -> "SHA-384";
            case 10 -> "SHA-512";
            case 2 -> "SHA-1";
            case 1 -> "MD5";
            default -> throw new IOException("unknown payload digest algorithm " + a);
        };
    }

    private static Optional<String> string(InputHeader<RpmTag> h, RpmTag tag) {
        return h.getOptionalTag(tag).map(RpmReader::firstString);
    }

    private static Integer integer(InputHeader<RpmTag> h, RpmTag tag) {
        Optional<HeaderValue> v = h.getEntry(tag);
        if (v.isEmpty()) {
            return null;
        }
        Object o = v.get().getValue();
        if (o instanceof int[] ints && ints.length > 0) {
            return ints[0];
        }
        return o instanceof Number n ? n.intValue() : null;
    }

    private static String firstString(Object o) {
        if (o instanceof String[] a) {
            return a.length == 0 ? null : a[0];
        }
        return o == null ? null : o.toString();
    }

    /**
     * The package's bytes as Packager reads them: kept from the start until the payload's offset is known (the
     * headers, and the few payload bytes a decompressor reads when it is opened), then digested from that offset on.
     */
    private static final class Recording extends FilterInputStream {
        private ByteArrayOutputStream kept = new ByteArrayOutputStream(1 << 16);
        private MessageDigest digest;
        private long position;

        Recording(InputStream in) {
            super(in);
        }

        byte[] slice(long start, long length) throws IOException {
            byte[] all = kept.toByteArray();
            if (start < 0 || start + length > all.length) {
                throw new IOException("RPM header outside the bytes read");
            }
            byte[] out = new byte[(int) length];
            System.arraycopy(all, (int) start, out, 0, (int) length);
            return out;
        }

        /** Stops keeping bytes; digests (with {@code algorithm}, null: none) every byte from {@code start} on. */
        void digestFrom(long start, String algorithm) throws IOException {
            byte[] all = kept.toByteArray();
            kept = null;
            if (algorithm == null) {
                return;
            }
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(algorithm + " is not available", e);
            }
            if (start < all.length) {
                digest.update(all, (int) start, all.length - (int) start);
            }
        }

        String digestHex() {
            return HexFormat.of().formatHex(digest.digest());
        }

        /** Reads what the cpio reader left (its trailer's padding): the payload digest covers every byte. */
        void drain() throws IOException {
            byte[] buf = new byte[1 << 14];
            while (read(buf, 0, buf.length) >= 0) {
                // digested by read
            }
        }

        /** {@link #drain()}, telling whether it reached the end. */
        boolean drainQuietly() {
            try {
                drain();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /**
         * No mark/reset: a decompressor that finds it would re-read bytes (gzip pushes back what follows a member),
         * and those would be kept and digested twice. Without it, decompressors buffer on their own.
         */
        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int limit) {
            // not supported
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                seen(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                seen(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so that skipped bytes are kept and digested too
            byte[] buf = new byte[(int) Math.min(n, 1 << 14)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        private void seen(byte[] b, int off, int n) throws IOException {
            position += n;
            if (kept != null) {
                if (position > MAX_HEADER_BYTES) {
                    throw new IOException("RPM headers larger than " + (MAX_HEADER_BYTES >> 20) + " MiB");
                }
                kept.write(b, off, n);
            } else if (digest != null) {
                digest.update(b, off, n);
            }
        }
    }
}
