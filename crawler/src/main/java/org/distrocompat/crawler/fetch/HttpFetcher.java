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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * HTTP downloads with timeouts, retries with exponential backoff, byte counters and a content-addressed
 * cache for files whose SHA256 is known in advance. Thread-safe.
 */
public final class HttpFetcher implements AutoCloseable {

    /** Timeouts and retry policy. */
    public record Settings(Duration connectTimeout, Duration responseTimeout, Duration stallTimeout, int attempts,
            Duration firstBackoff) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 4,
                    Duration.ofMillis(500));
        }
    }

    private static final int BUFFER = 64 * 1024;

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
                .followRedirects(HttpClient.Redirect.NORMAL)
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

    /** A small file, whole, in memory. */
    public byte[] fetchBytes(URI uri) throws IOException {
        return withRetries(uri, () -> {
            try (InputStream in = open(uri)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                copy(in, out, null);
                return out.toByteArray();
            }
        });
    }

    /**
     * The file with this SHA256 and size (size -1: unknown) from the cache, or downloaded from {@code uri}
     * into the cache after checking both. A cache hit makes no request.
     */
    public Path fetchVerified(URI uri, String sha256, long size) throws IOException {
        var hit = cache.get(sha256, size);
        if (hit.isPresent()) {
            return hit.get();
        }
        return withRetries(uri, () -> {
            Path tmp = cache.newTempFile();
            try {
                MessageDigest md = Sha256.digest();
                long n;
                try (InputStream in = open(uri); OutputStream out = Files.newOutputStream(tmp)) {
                    n = copy(in, out, md);
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

    private InputStream open(URI uri) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(settings.responseTimeout()).GET().build();
        requests.incrementAndGet();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + uri);
        }
        if (resp.statusCode() != 200) {
            resp.body().close();
            throw new FetchException(uri, resp.statusCode(), uri + ": HTTP " + resp.statusCode()
                    + (resp.statusCode() == 404 ? " (the index lists it but the mirror does not serve it)" : ""));
        }
        return resp.body();
    }

    /** Copies with a stall watchdog: a body that delivers nothing for stallTimeout is closed. */
    private long copy(InputStream in, OutputStream out, MessageDigest md) throws IOException {
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
            while ((n = in.read(buf)) > 0) {
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
