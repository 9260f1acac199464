package org.distrocompat.api.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.distrocompat.api.json.Json;

/**
 * Operations: {@code /healthz} (the process answers: liveness), {@code /readyz} (200 once the release data is
 * loaded and while the server is not shutting down, 503 otherwise; the body says why, with the data version, the
 * database's state, the role requests use and the scheduler's last run), {@code /metrics} (Prometheus text format)
 * and {@code /openapi.json} (the API's OpenAPI 3.1 document).
 */
final class OpsRoutes {
    static final String OPENAPI_RESOURCE = "/org/distrocompat/api/http/openapi.json";
    static final String CHECK_SCHEMA = "/schema/check.schema.json";

    /** What {@code /readyz} reports: whether to send traffic here, and the details. */
    record Readiness(boolean ready, Map<String, Object> details) {
    }

    private final Supplier<Readiness> readiness;
    private final HttpMetrics metrics;
    private final Body openapi;

    OpsRoutes(Supplier<Readiness> readiness, HttpMetrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.openapi = Body.of(openApiBytes(), Body.JSON);
    }

    /**
     * The OpenAPI document: {@code openapi.json} beside this class, with the schema of {@code check --json}
     * ({@code /schema/check.schema.json} of core) merged into its components as {@code check_*}, so that the
     * check route's documented response is the command's schema itself, not a copy that could drift.
     */
    static byte[] openApiBytes() {
        ObjectNode doc = (ObjectNode) readJson(OPENAPI_RESOURCE);
        ObjectNode schemas = (ObjectNode) doc.get("components").get("schemas");
        JsonNode defs = readJson(CHECK_SCHEMA).get("$defs");
        defs.fields().forEachRemaining(e -> schemas.set("check_" + e.getKey(), e.getValue()));
        String text = doc.toString().replace("\"#/$defs/", "\"#/components/schemas/check_");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(String resource) {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return Json.COMPACT.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/healthz", this::health);
        routes.get("/readyz", this::ready);
        routes.get("/metrics", this::metrics);
        routes.get("/openapi.json", ctx -> openapi.send(ctx));
    }

    private void health(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        ctx.contentType(Body.JSON).result(Json.bytes(m));
    }

    private void ready(Context ctx) {
        Readiness r = readiness.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", r.ready());
        m.putAll(r.details());
        ctx.header("Cache-Control", "no-store");
        ctx.status(r.ready() ? 200 : 503).contentType(Body.JSON).result(Json.bytes(m));
    }

    private void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(metrics.contentType()).result(metrics.scrape());
    }
}
