package org.distrocompat.api.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.distrocompat.api.json.PairingsJson;
import org.distrocompat.api.json.ReleaseJson;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.core.policy.PolicyFileException;
import org.distrocompat.core.policy.PolicyJson;
import org.distrocompat.core.policy.PolicyJudge;
import org.distrocompat.core.calendar.CalendarLoader;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.query.Checker;
import org.distrocompat.core.query.Pairings;
import org.distrocompat.db.Database;
import org.distrocompat.db.query.DataVersion;
import org.distrocompat.db.query.ReleaseArchView;
import org.distrocompat.db.query.ReleaseCatalog;
import org.distrocompat.db.snapshot.ReleaseSnapshot;

/**
 * Everything requests read, loaded from the database at one data version and never changed afterwards: the
 * release catalog and snapshot, the checker built on them (judging with the published derived policy, as
 * {@code check} does with the home's), the policy files, and the hot response bodies, serialised and compressed
 * once. Answers that cost a database query (a release's history, a policy derivation) are computed on first use
 * and kept with the data version they belong to. A newer version replaces the whole object.
 */
final class ServedData {
    /** How many answers to arbitrary queries (filtered listings) are kept, least recently used first out. */
    private static final int RECENT = 256;

    private final DataVersion version;
    private final Instant loadedAt;
    private final ReleaseSnapshot snapshot;
    private final List<ReleaseArchView> catalog;
    private final ReleaseCalendar calendar;
    private final Checker checker;
    private final Map<String, PolicyFile> policies;
    private final Body releases;
    private final Body pairings;
    private final Map<String, Body> memo = new ConcurrentHashMap<>();
    private final Map<String, Body> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Body> eldest) {
            return size() > RECENT;
        }
    };

    private ServedData(DataVersion version, ReleaseSnapshot snapshot, List<ReleaseArchView> catalog,
            ReleaseCalendar calendar, Checker checker, Map<String, PolicyFile> policies, Body releases, Body pairings) {
        this.version = version;
        this.loadedAt = Instant.now();
        this.snapshot = snapshot;
        this.catalog = catalog;
        this.calendar = calendar;
        this.checker = checker;
        this.policies = policies;
        this.releases = releases;
        this.pairings = pairings;
    }

    /** Loads everything at {@code version}; {@code homePolicyDir} is consulted only for the embedded database. */
    static ServedData load(Database db, DataVersion version, Optional<Path> homePolicyDir, WalkLimits limits) {
        ReleaseSnapshot snapshot = ReleaseSnapshot.load(db);
        List<ReleaseArchView> catalog = new ReleaseCatalog(db.jdbi()).list();
        PolicyFile manylinux = PolicyFile.resolve("manylinux", db, homePolicyDir);
        PolicyFile musllinux = PolicyFile.resolve("musllinux", db, homePolicyDir);
        Checker checker = new Checker(snapshot, derivedJudge(manylinux), derivedJudge(musllinux), limits);
        List<Pairings.Row> rows = Pairings.rows(snapshot.cells());
        Body pairings = Body.json(PairingsJson.of(rows, Pairings.sameGlibcDifferentLibstdcxx(rows)));
        ReleaseCalendar calendar = CalendarLoader.calendarOf(snapshot.calendar());
        Body releases = Body.json(catalog.stream().map(c -> ReleaseJson.of(c, false, calendar)).toList());
        return new ServedData(version, snapshot, catalog, calendar, checker,
                Map.of("manylinux", manylinux, "musllinux",
                musllinux), releases, pairings);
    }

    /** The derived policy as a judge for check reports ({@code policy_tag}), or null while only the official one exists. */
    private static PolicyJudge derivedJudge(PolicyFile file) {
        if (!file.derived()) {
            return null;
        }
        String source = "distrocompat derived " + PolicyFile.fileName(file.family()) + " (" + file.source() + ")";
        try {
            return new PolicyJudge(source, PolicyJson.parse(new String(file.body().plain(), StandardCharsets.UTF_8),
                    source));
        } catch (PolicyFileException e) {
            return null; // a damaged published file: judge by the official policy only (the file is still served)
        }
    }

    DataVersion version() {
        return version;
    }

    Instant loadedAt() {
        return loadedAt;
    }

    ReleaseSnapshot snapshot() {
        return snapshot;
    }

    List<ReleaseArchView> catalog() {
        return catalog;
    }

    /** The release calendar of this data version: what "supported on" means. */
    ReleaseCalendar calendar() {
        return calendar;
    }

    Checker checker() {
        return checker;
    }

    PolicyFile policy(String family) {
        return policies.get(family);
    }

    /** The unfiltered release listing, short form. */
    Body releases() {
        return releases;
    }

    Body pairings() {
        return pairings;
    }

    /**
     * A body kept among the {@value #RECENT} most recently asked for under {@code key}, for answers whose keys
     * are open-ended (a listing's filters): repeated queries cost a lookup, rare ones cannot fill the memory.
     */
    Body recent(String key, Supplier<Body> compute) {
        synchronized (recent) {
            Body b = recent.get(key);
            if (b != null) {
                return b;
            }
        }
        Body b = compute.get();
        synchronized (recent) {
            recent.put(key, b);
        }
        return b;
    }

    /** A body computed once per data version under {@code key}. */
    Body memo(String key, Supplier<Body> compute) {
        Body b = memo.get(key);
        if (b == null) {
            b = compute.get();
            memo.putIfAbsent(key, b);
        }
        return b;
    }
}
