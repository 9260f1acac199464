package org.distrocompat.crawler.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server on 127.0.0.1 serving a directory tree like a mirror does (404 for what is absent; a
 * directory answers with its index.html when the test wrote one), recording every path asked for. Individual paths can be made to fail with a status.
 */
public final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String prefix;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    private FixtureServer(Path root, String prefix) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.prefix = "/" + prefix + "/";
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static FixtureServer serve(Path root) throws IOException {
        return new FixtureServer(root, "debian");
    }

    /** Serves {@code root} under {@code http://127.0.0.1:PORT/<prefix>} (e.g. "fedora"). */
    public static FixtureServer serve(Path root, String prefix) throws IOException {
        return new FixtureServer(root, prefix);
    }

    /** The mirror base URL: {@code http://127.0.0.1:PORT/debian} (or the prefix given). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix.substring(0, prefix.length() - 1);
    }

    /** Paths (relative to the mirror base) requested so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Answers {@code status} for a path (relative to the mirror base) from now on. */
    public void fail(String path, int status) {
        failures.put(path, status);
    }

    public void heal() {
        failures.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String p = ex.getRequestURI().getPath();
            if (!p.startsWith(prefix)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String rel = p.substring(prefix.length());
            requests.add(rel);
            Integer fail = failures.get(rel);
            if (fail != null) {
                ex.sendResponseHeaders(fail, -1);
                return;
            }
            Path f = root.resolve(rel).normalize();
            if (Files.isDirectory(f) && (rel.isEmpty() || rel.endsWith("/"))) {
                f = f.resolve("index.html"); // a directory listing, where the test wrote one
            }
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(f);
            ex.sendResponseHeaders(200, size);
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(f, out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
