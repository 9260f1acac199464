package org.distrocompat.api.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyDiff;
import org.distrocompat.core.policy.PolicyExplainer;
import org.distrocompat.core.policy.PolicyGenerator;
import org.distrocompat.core.policy.PolicyJson;
import org.distrocompat.core.policy.PolicySet;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Arch;

/**
 * The policy files and their reasons. {@code GET /api/policy/manylinux} and {@code /musllinux}: the file as
 * published (ETag, conditional GET; {@code X-Distrocompat-Policy-Source} says whether it is derived or auditwheel's
 * official one). {@code GET /api/policy/explain[?arch=A]}: the derivation from the current data with the binding
 * release of every bound, as {@code policy --explain --json} plus the text lines. {@code GET
 * /api/policy/diff?against=official|published}: what the current derivation changes against auditwheel's official
 * file (the default) or against the published one (the official one while none is published), as
 * {@code policy --diff --json} plus the text.
 */
final class PolicyRoutes {
    static final String SOURCE_HEADER = "X-Distrocompat-Policy-Source";

    private final Served served;
    private final Database db;
    private final MainstreamConfig config;

    PolicyRoutes(Served served, Database db, MainstreamConfig config) {
        this.served = served;
        this.db = db;
        this.config = config;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/policy/manylinux", ctx -> file(ctx, "manylinux"));
        routes.get("/api/policy/musllinux", ctx -> file(ctx, "musllinux"));
        routes.get("/api/policy/explain", this::explain);
        routes.get("/api/policy/diff", this::diff);
    }

    private void file(Context ctx, String family) {
        Params.only(ctx);
        PolicyFile f = served.data().policy(family);
        ctx.header(SOURCE_HEADER, f.source());
        ctx.header("X-Distrocompat-Policy-Description", f.describe());
        if (f.publishedAt() != null) {
            ctx.header("Last-Modified", f.publishedAt().toString());
        }
        f.body().send(ctx);
    }

    private void explain(Context ctx) {
        Params.only(ctx, "arch");
        Arch arch = Params.arch(ctx);
        ServedData data = served.data();
        data.memo("explain " + arch, () -> {
            PolicySet set = derive(arch);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("config", config.summary());
            m.put("published", published(data.policy("manylinux")));
            m.put("explain", PolicyExplainer.json(set));
            m.put("lines", PolicyExplainer.lines(set));
            return Body.json(m);
        }).send(ctx);
    }

    private void diff(Context ctx) {
        Params.only(ctx, "against");
        String against = Params.text(ctx, "against") == null ? "official" : Params.text(ctx, "against");
        if (!against.equals("official") && !against.equals("published")) {
            throw HttpProblem.badRequest("against: 'official' (auditwheel's file) or 'published' (the last published "
                    + "file), not '" + against + "'");
        }
        ServedData data = served.data();
        data.memo("diff " + against, () -> {
            PolicyFile published = data.policy("manylinux");
            PolicyFile base = against.equals("published") && published.derived() ? published
                    : PolicyFile.official("manylinux");
            List<Policy> old = PolicyJson.parse(new String(base.body().plain(), StandardCharsets.UTF_8), base.source());
            List<PolicyDiff.Change> changes = PolicyDiff.diff(old, derive(null).policies());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("against", base.source());
            m.put("config", config.summary());
            m.put("changed", !changes.isEmpty());
            m.put("diff", changes);
            m.put("text", PolicyDiff.text(changes, (base.derived() ? "published " : "auditwheel's official ")
                    + PolicyFile.fileName("manylinux"), "derived from the current data"));
            return Body.json(m);
        }).send(ctx);
    }

    private PolicySet derive(Arch arch) {
        Set<String> arches = arch == null ? Set.of() : new TreeSet<>(Set.of(arch.wheelName()));
        PolicySet set = new PolicyGenerator(config).generate(db, arches);
        if (set.policies().size() <= 1) {
            throw HttpProblem.notFound("no mainstream glibc release stored" + (arch == null ? "" : " for " + arch)
                    + "; nothing to derive a policy from yet");
        }
        return set;
    }

    private static Map<String, Object> published(PolicyFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", f.source());
        m.put("published_at", f.publishedAt() == null ? null : f.publishedAt().toString());
        m.put("description", f.describe());
        return m;
    }
}
