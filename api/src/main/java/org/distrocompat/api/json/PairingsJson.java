package org.distrocompat.api.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.core.query.Pairings;
import org.distrocompat.db.model.Libc;

/** gcc/glibc pairings as JSON: what {@code pairings --json} prints and {@code GET /api/pairings} sends. */
public final class PairingsJson {
    private PairingsJson() {
    }

    /** {@code {"releases": [...], "same_glibc_different_libstdcxx": [{"arch", "glibc", "releases"}]}}. */
    public static Map<String, Object> of(List<Pairings.Row> rows, List<Pairings.Group> groups) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("releases", rows.stream().map(PairingsJson::row).toList());
        m.put("same_glibc_different_libstdcxx", groups.stream().map(g -> {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("arch", g.arch());
            gm.put("glibc", g.glibc());
            gm.put("releases", g.rows().stream().map(PairingsJson::row).toList());
            return gm;
        }).toList());
        return m;
    }

    static Map<String, Object> row(Pairings.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", r.cell().distro());
        m.put("release", r.cell().release());
        m.put("codename", r.cell().codename());
        m.put("arch", r.cell().arch().wheelName());
        m.put("provenance", r.cell().provenance().dbName());
        m.put("libc", r.cell().libc().dbName());
        m.put("glibc", r.cell().libc() == Libc.GLIBC ? r.glibc() : null);
        m.put("musl", r.cell().libc() == Libc.MUSL ? r.glibc() : null);
        m.put("libstdcxx_gcc", r.libstdcxxGcc());
        m.put("libstdcxx_source", r.libstdcxxSource());
        m.put("libgcc_gcc", r.libgccGcc());
        m.put("libgcc_source", r.libgccSource());
        m.put("max", r.max());
        return m;
    }
}
