package org.distrocompat.api.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distrocompat.api.json.HistoryJson;
import org.distrocompat.api.json.ReleaseJson;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.query.ReleaseFilter;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.query.ReleaseArchView;
import org.distrocompat.db.query.ReleaseHistory;

/**
 * {@code GET /api/releases}: the stored release x arch cells, filtered by {@link ReleaseFilter} (distro, arch,
 * libc, status, supported_on), in the short form of {@code releases --json} (the version maxima; every version
 * name with {@code versions=true}). {@code GET /api/releases/{distro}/{release}}: one release (by version or
 * codename) with its cells in full, the sonames behind each version name, its package history and when each
 * version name was first seen.
 */
final class ReleaseRoutes {
    private final Served served;
    private final Database db;

    ReleaseRoutes(Served served, Database db) {
        this.served = served;
        this.db = db;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/releases", this::list);
        routes.get("/api/releases/{distro}/{release}", this::detail);
    }

    private void list(Context ctx) {
        Params.only(ctx, "distro", "arch", "libc", "status", "supported_on", "include_extended", "versions");
        ServedData data = served.data();
        ReleaseFilter filter = new ReleaseFilter(Params.text(ctx, "distro"), Params.arch(ctx),
                Params.oneOf(ctx, "libc", Arrays.asList(Libc.values()), Libc::dbName),
                Params.oneOf(ctx, "status", Arrays.asList(ReleaseStatus.values()), ReleaseStatus::dbName),
                Params.date(ctx, "supported_on"), data.calendar(), Params.flag(ctx, "include_extended"));
        boolean versions = Params.flag(ctx, "versions");
        if (filter.distro() == null && filter.arch() == null && filter.libc() == null && filter.status() == null
                && filter.supportedOn() == null && !versions) {
            data.releases().send(ctx);
            return;
        }
        data.recent(filter.distro() + " " + filter.arch() + " " + filter.libc() + " " + filter.status() + " "
                + filter.supportedOn() + " " + filter.includeExtended() + " " + versions, () -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ReleaseArchView c : data.catalog()) {
                if (filter.test(c)) {
                    out.add(ReleaseJson.of(c, versions, data.calendar()));
                }
            }
            return Body.json(out);
        }).send(ctx);
    }

    private void detail(Context ctx) {
        Params.only(ctx);
        ServedData data = served.data();
        String distro = ctx.pathParam("distro").toLowerCase(Locale.ROOT);
        String release = ctx.pathParam("release");
        List<ReleaseArchView> cells = data.catalog().stream().filter(c -> c.distro().equals(distro)
                && (c.release().equals(release) || release.equals(c.codename()))).toList();
        if (cells.isEmpty()) {
            throw HttpProblem.notFound("no stored release " + distro + " " + release
                    + " (GET /api/releases lists what is stored)");
        }
        ReleaseArchView first = cells.get(0);
        data.memo("release " + distro + "/" + first.release(), () -> Body.json(detail(cells, data.calendar()))).send(ctx);
    }

    private Map<String, Object> detail(List<ReleaseArchView> cells, ReleaseCalendar calendar) {
        ReleaseArchView c0 = cells.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", c0.distro());
        m.put("distro_name", c0.distroDisplayName());
        m.put("release", c0.release());
        m.put("codename", c0.codename());
        m.put("status", c0.status().dbName());
        m.put("libc", c0.libc().dbName());
        ReleaseJson.Dates dates = ReleaseJson.Dates.of(c0, calendar);
        m.put("release_date", dates.release() == null ? null : dates.release().toString());
        m.put("eol_date", dates.eol() == null ? null : dates.eol().toString());
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReleaseArchView c : cells) {
            Map<String, Object> cm = ReleaseJson.of(c, true, calendar);
            cm.put("versions_by_soname", c.versionsBySoname());
            out.add(cm);
        }
        m.put("cells", out);
        List<Map<String, Object>> history = new ArrayList<>();
        for (ReleaseHistory.ArchHistory h : new ReleaseHistory(db.jdbi()).of(c0.distro(), c0.release(), null)) {
            Map<String, Object> hm = HistoryJson.of(h);
            hm.put("first_seen", HistoryJson.firstSeenOfEach(h));
            history.add(hm);
        }
        m.put("history", history);
        return m;
    }
}
