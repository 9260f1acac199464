package org.distrocompat.api.http;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;
import org.distrocompat.db.query.DataVersion;

/**
 * The server's Prometheus metrics, in a registry of its own (two servers in one JVM, as in tests, do not mix):
 * requests by method, route template and status; their latency; requests in flight; checked bytes; refresh runs
 * of this replica by outcome; the stored crawl and import runs by kind and status (from the data watcher's last
 * poll); and the JVM's own (memory, GC, threads), which is how "memory stays flat" is watched.
 */
final class HttpMetrics {
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Gauge inFlight;
    private final Counter checkBytes;
    private final Counter checks;
    private final Counter refreshRuns;

    HttpMetrics(Supplier<DataVersion> data) {
        requests = Counter.builder().name("distrocompat_http_requests_total")
                .help("HTTP requests by method, route template and status").labelNames("method", "route", "status")
                .register(registry);
        latency = Histogram.builder().name("distrocompat_http_request_duration_seconds")
                .help("time from request to response, by method and route template").labelNames("method", "route")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        inFlight = Gauge.builder().name("distrocompat_http_requests_in_flight").help("requests being handled now")
                .register(registry);
        checkBytes = Counter.builder().name("distrocompat_check_bytes_total")
                .help("bytes of uploads read by POST /api/check").register(registry);
        checks = Counter.builder().name("distrocompat_checks_total").help("POST /api/check by outcome")
                .labelNames("outcome").register(registry);
        refreshRuns = Counter.builder().name("distrocompat_refresh_runs_total")
                .help("scheduled refresh runs this replica executed, by outcome").labelNames("outcome")
                .register(registry);
        GaugeWithCallback.builder().name("distrocompat_crawl_runs")
                .help("crawl and import runs stored in the database, by kind and status").labelNames("kind", "status")
                .callback(cb -> {
                    DataVersion v = data.get();
                    if (v != null) {
                        v.runs().forEach((key, n) -> {
                            int slash = key.indexOf('/');
                            cb.call(n, key.substring(0, slash), key.substring(slash + 1));
                        });
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("distrocompat_last_crawl_finished_timestamp_seconds")
                .help("when the last crawl or import finished (Unix time)")
                .callback(cb -> {
                    DataVersion v = data.get();
                    if (v != null && v.lastFinished() != null) {
                        cb.call(v.lastFinished().toEpochMilli() / 1000.0);
                    }
                }).register(registry);
        JvmMetrics.builder().register(registry);
    }

    void started() {
        inFlight.inc();
    }

    void finished(String method, String route, int status, double seconds) {
        inFlight.dec();
        requests.labelValues(method, route, Integer.toString(status)).inc();
        latency.labelValues(method, route).observe(seconds);
    }

    void checked(long bytes, String outcome) {
        checkBytes.inc(bytes);
        checks.labelValues(outcome).inc();
    }

    void refreshed(String outcome) {
        refreshRuns.labelValues(outcome).inc();
    }

    double inFlight() {
        return inFlight.get();
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 10);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write metrics", e);
        }
        return out.toByteArray();
    }
}
