package org.distrocompat.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.query.CalendarRow;
import org.distrocompat.db.repo.CalendarStore;
import org.junit.jupiter.api.Test;

/** The stored calendar (real PostgreSQL): first use fills it, a later load keeps every changed date's old value. */
class CalendarStoreTest {

    @Test
    void firstUseFillsTheCalendarAndChangedDatesKeepTheirHistory() {
        try (Database db = TestDatabase.fresh()) {
            CalendarLoader loader = new CalendarLoader(Path.of("/nonexistent"));
            CalendarStore.Result first = loader.ensureLoaded(db);
            assertThat(first.added()).isGreaterThan(250);
            assertThat(loader.ensureLoaded(db).added()).isZero(); // not empty any more: nothing loaded again
            CalendarStore store = new CalendarStore(db);
            assertThat(store.write(loader.distroInfo()).changed()).isZero();

            CalendarRow d12 = store.all().stream().filter(r -> r.distro().equals("debian") && r.cycle().equals("12")
                    && r.source().equals(CalendarRow.DISTRO_INFO)).findFirst().orElseThrow();
            CalendarRow moved = new CalendarRow(d12.distro(), d12.cycle(), d12.source(), d12.codename(), d12.lts(),
                    d12.releaseDate(), LocalDate.parse("2026-08-01"), d12.ltsEnd(), d12.extendedEnd(), d12.extendedName(),
                    "newer debian.csv");
            CalendarStore.Result again = store.write(List.of(moved));
            assertThat(again.changed()).isEqualTo(1);
            assertThat(store.changes()).singleElement().satisfies(c -> {
                assertThat(c.field()).isEqualTo("support_end");
                assertThat(c.oldValue()).isEqualTo("2026-07-11");
                assertThat(c.newValue()).isEqualTo("2026-08-01");
                assertThat(c.location()).isEqualTo("newer debian.csv");
            });
            assertThat(ReleaseCalendar.of(store.all()).entryFor("debian", "12", null).orElseThrow().supportEnd())
                    .isEqualTo(LocalDate.parse("2026-08-01"));
        }
    }
}
