package org.distrocompat.api.http;

import java.time.Duration;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.core.policy.MainstreamConfig;

/**
 * How {@code serve} runs: where it listens; the upload limit and the walk limits of a check; how many checks run
 * at once; how often it looks for new data; how long shutdown waits for requests in flight; whether it writes an
 * access log; which releases count as mainstream for the policy routes.
 */
public record ServerOptions(String host, int port, long maxUploadBytes, WalkLimits walkLimits, int maxConcurrentChecks,
        Duration dataPoll, Duration drainTimeout, boolean accessLog, MainstreamConfig mainstream) {

    /** Defaults for tests and embedding: loopback, any free port, 64 MiB uploads, polling every second. */
    public static ServerOptions loopback() {
        return new ServerOptions("127.0.0.1", 0, 64L << 20, WalkLimits.DEFAULT, 4, Duration.ofSeconds(1),
                Duration.ofSeconds(5), false, MainstreamConfig.defaults());
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(host, p, maxUploadBytes, walkLimits, maxConcurrentChecks, dataPoll, drainTimeout,
                accessLog, mainstream);
    }

    public ServerOptions withLimits(long upload, WalkLimits walk) {
        return new ServerOptions(host, port, upload, walk, maxConcurrentChecks, dataPoll, drainTimeout, accessLog,
                mainstream);
    }
}
