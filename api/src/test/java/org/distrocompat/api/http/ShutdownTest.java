package org.distrocompat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: /readyz turns 503 at once and a request in flight still gets its answer. */
class ShutdownTest {

    @Test
    void aRequestInFlightFinishesWhileReadinessFails() throws Exception {
        Database db = TestDatabase.fresh();
        TestServer server = new TestServer(db, ServerOptions.loopback(), null);
        byte[] wheel = ApiTest.wheel();
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            // the headers and the first bytes of the body now, the rest after the shutdown began
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/check?filename=" + ApiTest.WHEEL + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + wheel.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(wheel, 0, 100);
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!server.get("/metrics").body().contains("distrocompat_http_requests_in_flight 2.0")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20); // the check and this scrape are both in flight
            }
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);
            assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(stopping).isNotDone();
            out.write(wheel, 100, wheel.length - 100);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"wheel\":\"" + ApiTest.WHEEL + "\"");
            stopping.get(20, TimeUnit.SECONDS);
        }
        assertThat(server.log()).contains("serve: stopped");
    }
}
