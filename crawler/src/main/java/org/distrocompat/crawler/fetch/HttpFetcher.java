package org.distrocompat.crawler.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.distrocompat.db.error.Messages;

/**
 * HTTP downloads with timeouts, retries with exponential backoff, byte counters and a content-addressed
 * cache for files whose SHA256 is known in advance. Thread-safe.
 *
 * <p>No body is read without a bound: a file whose size a signed index gives is read up to that size and not a
 * byte more, and every other download — metadata such as InRelease, Release, repomd.xml, APKINDEX — up to
 * {@link Settings#maxMetadataBytes()} (default 64 MiB, {@code DISTROCOMPAT_MAX_METADATA_MIB} changes it), so an
 * endless or oversized answer fails that download instead of the memory or the disk. Redirects are followed by
 * hand, up to five, to http and https locations only (never from https down to http), and each refusal names why.
 */
public final class HttpFetcher implements AutoCloseable {

    /** Timeouts, retry policy and the size bound of downloads whose size nothing signed gives. */
    public record Settings(Duration connectTimeout, Duration responseTimeout, Duration stallTimeout, int attempts,
            Duration firstBackoff, long maxMetadataBytes) {
        /** The environment variable that sets the metadata bound, in MiB. */
        public static final String ENV_MAX_METADATA_MIB = "DISTROCOMPAT_MAX_METADATA_MIB";
        private static final long DEFAULT_MAX_METADATA_BYTES = 64L << 20;

        public Settings {
            if (maxMetadataBytes <= 0) {
                throw new IllegalArgumentException("maxMetadataBytes must be positive: " + maxMetadataBytes);
            }
        }

        /** With the default metadata bound. */
        public Settings(Duration connectTimeout, Duration responseTimeout, Duration stallTimeout, int attempts,
                Duration firstBackoff) {
            this(connectTimeout, responseTimeout, stallTimeout, attempts, firstBackoff, defaultMaxMetadataBytes());
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 4,
                    Duration.ofMillis(500));
        }

        /** These settings with another metadata bound. */
        public Settings withMaxMetadataBytes(long bytes) {
            return new Settings(connectTimeout, responseTimeout, stallTimeout, attempts, firstBackoff, bytes);
        }

        private static long defaultMaxMetadataBytes() {
            String env = System.getenv(ENV_MAX_METADATA_MIB);
            try {
                long mib = env == null || env.isBlank() ? 0 : Long.parseLong(env.trim());
                return mib > 0 ? mib << 20 : DEFAULT_MAX_METADATA_BYTES;
            } catch (NumberFormatException e) {
                return DEFAULT_MAX_METADATA_BYTES;
            }
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Settings settings;
    private final ContentCache cache;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final ScheduledExecutorService watchdog;
    private volatile LongConsumer byteListener = n -> { };

    public HttpFetcher(ContentCache cache, Settings settings) {
        this.cache = cache;
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // followed by hand: see open()
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public ContentCache cache() {
        return cache;
    }

    /** Called with the number of bytes of every chunk read from the network (for progress displays). */
    public void onBytes(LongConsumer listener) {
        this.byteListener = listener == null ? n -> { } : listener;
    }

    public int requests() {
        return requests.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** A small file (metadata), whole, in memory; at most {@link Settings#maxMetadataBytes()}. */
    public byte[] fetchBytes(URI uri) throws IOException {
        return fetchBytes(uri, settings.maxMetadataBytes());
    }

    /** A small file, whole, in memory; a body longer than {@code maxBytes} fails the download. */
    public byte[] fetchBytes(URI uri, long maxBytes) throws IOException {
        return withRetries(uri, () -> {
            try (InputStream in = open(uri, maxBytes)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                copy(uri, in, out, null, maxBytes, false);
                return out.toByteArray();
            }
        });
    }

    /**
     * The file with this SHA256 and size (size -1: unknown, then bounded like metadata) from the cache, or
     * downloaded from {@code uri} into the cache after checking both. A body longer than the size is cut off at the
     * size and fails. A cache hit (its SHA256 checked again) makes no request.
     */
    public Path fetchVerified(URI uri, String sha256, long size) throws IOException {
        var hit = cache.get(sha256, size);
        if (hit.isPresent()) {
            return hit.get();
        }
        long limit = size >= 0 ? size : settings.maxMetadataBytes();
        return withRetries(uri, () -> {
            Path tmp = cache.newTempFile();
            try {
                MessageDigest md = Sha256.digest();
                long n;
                try (InputStream in = open(uri, limit); OutputStream out = Files.newOutputStream(tmp)) {
                    n = copy(uri, in, out, md, limit, size >= 0);
                }
                String got = Sha256.hex(md);
                if (size >= 0 && n != size) {
                    throw new IntegrityException(uri, uri + ": size " + n + " where the signed index says " + size);
                }
                if (!got.equals(sha256)) {
                    throw new IntegrityException(uri, uri + ": SHA256 " + got + " where the signed index says " + sha256);
                }
                return cache.commit(tmp, sha256);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
    }

    private interface Attempt<T> {
        T run() throws IOException;
    }

    private <T> T withRetries(URI uri, Attempt<T> attempt) throws IOException {
        long backoff = settings.firstBackoff().toMillis();
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (IntegrityException e) {
                throw e;
            } catch (FetchException e) {
                if (!retryable(e.status()) || i >= settings.attempts()) {
                    throw e;
                }
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (i >= settings.attempts()) {
                    throw new FetchException(uri, uri + ": timed out after " + i + " attempts", e);
                }
            } catch (IOException e) {
                if (i >= settings.attempts()) {
                    throw new FetchException(uri, uri + ": " + describe(e) + " (after " + i + " attempts)", e);
                }
            }
            try {
                Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry " + uri);
            }
            backoff *= 2;
        }
    }

    private static boolean retryable(int status) {
        return status < 0 || status == 408 || status == 429 || status >= 500;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /**
     * The body of a 200 answer for {@code uri}, following redirects; a declared Content-Length over {@code limit}
     * fails before any byte is read.
     */
    private InputStream open(URI uri, long limit) throws IOException {
        URI at = uri;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> resp = send(at);
            int status = resp.statusCode();
            if (status == 200) {
                long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > limit) {
                    resp.body().close();
                    throw new IntegrityException(uri, tooLarge(uri, limit) + " (the server announces " + declared
                            + " bytes)");
                }
                return resp.body();
            }
            resp.body().close();
            if (!isRedirect(status)) {
                throw new FetchException(uri, status, uri + ": HTTP " + status
                        + (status == 404 ? " (the index lists it but the mirror does not serve it)" : ""));
            }
            if (hop >= MAX_REDIRECTS) {
                throw new FetchException(uri, status, uri + ": more than " + MAX_REDIRECTS
                        + " redirects (a redirect loop?), the last to " + at);
            }
            at = redirectTarget(uri, at, status, resp.headers().firstValue("Location").orElse(null));
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(settings.responseTimeout()).GET().build();
        requests.incrementAndGet();
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + uri);
        } catch (IllegalArgumentException e) {
            throw new FetchException(uri, 0, uri + ": " + Messages.of(e));
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect leads: only to http or https, never from https to http; otherwise one line saying so. */
    private static URI redirectTarget(URI original, URI at, int status, String location) throws FetchException {
        if (location == null || location.isBlank()) {
            throw new FetchException(original, status, original + ": HTTP " + status + " redirect without a location");
        }
        URI next;
        try {
            next = at.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new FetchException(original, status, original + ": redirected to a malformed location '" + location
                    + "'");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(original, status, original + ": redirected to " + next
                    + "; only http and https redirects are followed");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(at.getScheme())) {
            throw new FetchException(original, status, original + ": redirected from https down to " + next
                    + "; refused");
        }
        return next;
    }

    private static String tooLarge(URI uri, long limit) {
        return uri + ": larger than the " + (limit >= 1 << 20 ? (limit >> 20) + " MiB" : limit + " bytes") + " allowed";
    }

    /**
     * Copies at most {@code limit} bytes with a stall watchdog (a body that delivers nothing for stallTimeout is
     * closed). A body with more fails: {@code signed} says the limit is the size a signed index gives, else it is the
     * metadata bound.
     */
    private long copy(URI uri, InputStream in, OutputStream out, MessageDigest md, long limit, boolean signed)
            throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long stallNanos = settings.stallTimeout().toNanos();
        AtomicBoolean stalled = new AtomicBoolean();
        long period = Math.max(100, settings.stallTimeout().toMillis() / 4);
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                stalled.set(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all we can do
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try {
            byte[] buf = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = in.read(buf, 0, (int) Math.min(buf.length, limit - total + 1))) > 0) {
                if (total + n > limit) {
                    throw new IntegrityException(uri, signed ? uri + ": the server sends more than the " + limit
                            + " bytes the signed index gives; stopped there"
                            : tooLarge(uri, limit) + " for metadata (" + Settings.ENV_MAX_METADATA_MIB
                            + " raises the bound)");
                }
                lastProgress.set(System.nanoTime());
                out.write(buf, 0, n);
                if (md != null) {
                    md.update(buf, 0, n);
                }
                total += n;
                bytes.addAndGet(n);
                byteListener.accept(n);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted");
                }
            }
            return total;
        } catch (IOException e) {
            if (stalled.get()) {
                throw new HttpTimeoutException("no data for " + settings.stallTimeout().toSeconds() + " s");
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
