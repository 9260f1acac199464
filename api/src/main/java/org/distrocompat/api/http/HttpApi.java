package org.distrocompat.api.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.Messages;

/**
 * The Javalin application: every route group, the error mapping (one JSON shape, no stack trace leaves the
 * server: an unexpected failure is logged here with its trace and answered with 500 {@code internal}), the access
 * log, the request metrics, the web page's static assets (from the jar; the plotting library from its webjar).
 */
final class HttpApi {
    private static final String NANOS = "distrocompat.start";
    static final String WEB_RESOURCES = "/org/distrocompat/api/http/web";

    private final Javalin app;
    private final List<String> routes = Collections.synchronizedList(new ArrayList<>());

    HttpApi(ServerOptions options, Served served, Database reader, MainstreamConfig mainstream, HttpMetrics metrics,
            Supplier<OpsRoutes.Readiness> readiness, AccessLog accessLog, PrintStream errors) {
        ReleaseRoutes releases = new ReleaseRoutes(served, reader);
        CheckRoutes check = new CheckRoutes(served, options.maxUploadBytes(), options.maxConcurrentChecks(), metrics);
        PolicyRoutes policy = new PolicyRoutes(served, reader, mainstream);
        LookupRoutes lookups = new LookupRoutes(served);
        OpsRoutes ops = new OpsRoutes(readiness, metrics);
        PageRoutes page = new PageRoutes();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            // the API's own bodies come compressed already (Body); the rest (page assets, check reports) here
            config.http.compressionStrategy = CompressionStrategy.GZIP;
            config.http.generateEtags = false;
            config.http.prefer405over404 = true;
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = WEB_RESOURCES + "/assets";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "max-age=300");
            });
            config.staticFiles.enableWebjars();
            config.events.handlerAdded(meta -> {
                if (meta.getHttpMethod().isHttpMethod()) {
                    routes.add(meta.getHttpMethod().name() + " " + meta.getPath());
                }
            });
            config.routes.before(ctx -> {
                ctx.attribute(NANOS, System.nanoTime());
                metrics.started();
            });
            config.requestLogger.http((ctx, ms) -> finished(ctx, ms, metrics, accessLog));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, framework(e, ctx)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                ApiError error = ErrorMapping.of(e, ctx.path());
                if (error.status() == 500) {
                    errors.println("distrocompat: serve: internal error on " + ctx.method() + " " + ctx.path() + ": "
                            + Messages.of(e));
                    e.printStackTrace(errors);
                }
                answer(ctx, error);
            });
            releases.register(config.routes);
            check.register(config.routes);
            policy.register(config.routes);
            lookups.register(config.routes);
            ops.register(config.routes);
            page.register(config.routes);
        });
    }

    private static ApiError framework(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> new ApiError(404, ApiError.NOT_FOUND, "no such route: " + ctx.method() + " " + ctx.path()
                    + " (/openapi.json lists the routes)", ctx.path());
            case 405 -> new ApiError(405, ApiError.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on "
                    + ctx.path(), ctx.path());
            case 413 -> new ApiError(413, ApiError.PAYLOAD_TOO_LARGE, "the request body is too large", ctx.path());
            default -> new ApiError(e.getStatus(), e.getStatus() >= 500 ? ApiError.INTERNAL : ApiError.BAD_REQUEST,
                    Messages.of(e), ctx.path());
        };
    }

    private static void answer(Context ctx, ApiError error) {
        ctx.status(error.status()).contentType(Body.JSON).result(Json.bytes(error.json()));
    }

    private static void finished(Context ctx, Float ms, HttpMetrics metrics, AccessLog accessLog) {
        Long t0 = ctx.attribute(NANOS);
        String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        if (route.startsWith("/assets") || route.startsWith("/webjars") || route.equals("*")) {
            route = "static";
        }
        int status = ctx.statusCode();
        if (t0 != null) {
            metrics.finished(ctx.method().name(), route, status, (System.nanoTime() - t0) / 1e9);
        }
        if (accessLog != null) {
            String q = ctx.queryString();
            long bytes = ctx.res().getHeader("Content-Length") == null ? -1
                    : Long.parseLong(ctx.res().getHeader("Content-Length"));
            accessLog.log(ctx.ip(), ctx.method().name(), ctx.path() + (q == null ? "" : "?" + q), status, bytes,
                    ms == null ? 0 : ms);
        }
    }

    void start() {
        app.start();
    }

    void stop() {
        app.stop();
    }

    int port() {
        return app.port();
    }

    /** Every route registered, as "METHOD /path/{param}" (the OpenAPI document is tested against this). */
    List<String> routes() {
        return List.copyOf(routes);
    }
}
