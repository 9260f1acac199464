package org.distrocompat.api.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distrocompat.core.query.TagOrder;
import org.distrocompat.db.model.Arch;

/**
 * {@code GET /api/pairings}: gcc/glibc pairings per release x arch and the same-glibc-different-libstdc++ groups,
 * as {@code pairings --json}. {@code GET /api/tags?glibc=2.31&arch=x86_64}: the platform tags pip accepts there, in
 * its order, as {@code tags --json}.
 */
final class LookupRoutes {
    private static final Pattern GLIBC = Pattern.compile("(\\d+)\\.(\\d+)");

    private final Served served;

    LookupRoutes(Served served) {
        this.served = served;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/pairings", this::pairings);
        routes.get("/api/tags", this::tags);
    }

    private void pairings(Context ctx) {
        Params.only(ctx);
        served.data().pairings().send(ctx);
    }

    private void tags(Context ctx) {
        Params.only(ctx, "glibc", "arch");
        String glibc = Params.text(ctx, "glibc");
        String arch = Params.text(ctx, "arch");
        if (glibc == null || arch == null) {
            throw HttpProblem.badRequest("glibc and arch are required, e.g. /api/tags?glibc=2.31&arch=x86_64");
        }
        Matcher m = GLIBC.matcher(glibc);
        if (!m.matches()) {
            throw HttpProblem.badRequest("glibc: expected MAJOR.MINOR such as 2.31, got '" + glibc + "'");
        }
        String a = arch.equals("armv8l") ? "armv8l" : Arch.parse(arch).wheelName();
        Body.json(TagOrder.platformTags(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), a)).send(ctx);
    }
}
