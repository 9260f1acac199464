package org.distrocompat.api.http;

import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line per request: time, client, method, path and query, status, bytes sent and milliseconds —
 * {@code 2026-12-01T20:40:00.123Z 127.0.0.1 "GET /api/releases?distro=debian" 200 4157 0.8ms}. Lines are buffered
 * and flushed every 200 ms, so that logging does not cost a system call per request under load.
 */
final class AccessLog implements AutoCloseable {
    private final PrintStream out;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "distrocompat-access-log");
        t.setDaemon(true);
        return t;
    });

    AccessLog(PrintStream out) {
        this.out = out;
        flusher.scheduleWithFixedDelay(this::flush, 200, 200, TimeUnit.MILLISECONDS);
    }

    void log(String ip, String method, String pathAndQuery, int status, long bytes, float millis) {
        String line = Instant.now() + " " + ip + " \"" + method + " " + pathAndQuery.replace('"', '\'') + "\" " + status
                + " " + (bytes < 0 ? "-" : Long.toString(bytes)) + " " + String.format("%.1fms", millis) + "\n";
        synchronized (buffer) {
            buffer.append(line);
            if (buffer.length() > (1 << 16)) {
                flush();
            }
        }
    }

    void flush() {
        String text;
        synchronized (buffer) {
            if (buffer.length() == 0) {
                return;
            }
            text = buffer.toString();
            buffer.setLength(0);
        }
        out.print(text);
        out.flush();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
