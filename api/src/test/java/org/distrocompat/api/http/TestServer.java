package org.distrocompat.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.distrocompat.api.json.Json;
import org.distrocompat.api.schedule.RefreshPlan;
import org.distrocompat.db.Database;

/** A {@link Server} on loopback over a test database, with a small HTTP client for the tests. */
final class TestServer implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final Database db;
    final Database reader;
    final Server server;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    TestServer(Database db, ServerOptions options, RefreshPlan plan) {
        this(db, db.pooled("test-read", 4, true), options, plan);
    }

    TestServer(Database db, Database reader, ServerOptions options, RefreshPlan plan) {
        this.db = db;
        this.reader = reader;
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        this.server = Server.start(options, db, reader, plan, out, out);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data body with one file part named {@code file}. */
    HttpResponse<String> postMultipart(String path, String fileName, byte[] content) throws IOException,
            InterruptedException {
        String boundary = "----distrocompat-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.COMPACT.readTree(r.body());
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
        reader.close();
    }
}
