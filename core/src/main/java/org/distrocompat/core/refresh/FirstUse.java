package org.distrocompat.core.refresh;

import org.distrocompat.core.calendar.CalendarLoader;
import org.distrocompat.crawler.run.BaselineImport;
import org.distrocompat.db.Database;
import org.distrocompat.db.repo.CalendarStore;
import org.distrocompat.db.snapshot.ReleaseSnapshot;

/**
 * What a database gets the first time distrocompat uses it: the release calendar (any database whose calendar is
 * empty) and, in an empty home database (no release, no run ever), the shipped baseline data — so the first answer
 * (the first {@code refresh}'s policy, the first {@code check}) already covers every distro family, not only the ones
 * this host can crawl. An external server gets the baseline only when asked ({@code import baseline}).
 */
public final class FirstUse {
    private FirstUse() {
    }

    /** What was loaded: baseline cells written (0: none) and calendar rows added. */
    public record Loaded(int baselineCells, int calendarRows) {
    }

    /**
     * @param home whether {@code db} is the embedded database of a distrocompat home (the baseline goes only there)
     */
    public static Loaded ensure(Database db, boolean home) {
        // the calendar first: the baseline's load rewrites the snapshot, which carries the calendar
        CalendarStore.Result calendar = CalendarLoader.forHost().ensureLoaded(db);
        int baseline = 0;
        if (home && new BaselineImport(db).isEmptyDatabase()) {
            baseline = new BaselineImport(db).load().written();
        }
        if (calendar.added() > 0 && baseline == 0) {
            ReleaseSnapshot.refreshSnapshot(db); // check, pairings and coverage read the calendar from it
        }
        return new Loaded(baseline, calendar.added());
    }
}
