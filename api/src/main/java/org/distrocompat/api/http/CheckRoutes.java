package org.distrocompat.api.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.check.BadInputException;
import org.distrocompat.core.query.CheckReport;
import org.distrocompat.db.model.Arch;

/**
 * {@code POST /api/check[?arch=ARCH][&filename=NAME]}: the {@code check --json} object for one uploaded input, from
 * the same {@link org.distrocompat.core.query.Checker} the command uses. The upload is read as a stream and never
 * written to disk; over {@code --max-upload} it is 413, past a walk limit (members, decompressed bytes, ELF size)
 * or unreadable it is 422. At most {@code maxConcurrent} checks run at once (each may hold an ELF file in memory);
 * one that waits longer than 10 s for its turn is 503 with Retry-After.
 */
final class CheckRoutes {
    private final Served served;
    private final long maxUpload;
    private final Semaphore slots;
    private final HttpMetrics metrics;

    CheckRoutes(Served served, long maxUpload, int maxConcurrent, HttpMetrics metrics) {
        this.served = served;
        this.maxUpload = maxUpload;
        this.slots = new Semaphore(maxConcurrent);
        this.metrics = metrics;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/check", this::check);
    }

    private void check(Context ctx) throws IOException, InterruptedException {
        Params.only(ctx, "arch", "filename");
        Arch arch = Params.arch(ctx);
        ServedData data = served.data();
        if (!slots.tryAcquire(10, TimeUnit.SECONDS)) {
            ctx.header("Retry-After", "5");
            throw new HttpProblem(503, ApiError.BUSY, "every check slot is busy; try again shortly");
        }
        Upload upload = null;
        try {
            upload = Upload.open(ctx, maxUpload);
            CheckReport report = data.checker().check(upload.stream(), upload.name(), arch == null ? null
                    : arch.wheelName());
            metrics.checked(upload.bytesRead(), "checked");
            ctx.contentType(Body.JSON);
            ctx.result(Json.bytes(report.toJson()));
        } catch (BadInputException e) {
            metrics.checked(upload == null ? 0 : upload.bytesRead(), "refused");
            throw e;
        } finally {
            slots.release();
        }
    }
}
