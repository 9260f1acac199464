package org.distrocompat.db.repo;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.distrocompat.db.Database;
import org.distrocompat.db.query.CalendarRow;
import org.jdbi.v3.core.Handle;

/**
 * The stored release calendar ({@code release_calendar}): rows are upserted by (distro, cycle, source) in one
 * transaction per load; a row whose dates or codename change keeps the old values in
 * {@code release_calendar_change}, so the calendar's history stays readable.
 */
public final class CalendarStore {
    private final Database db;

    public CalendarStore(Database db) {
        this.db = db;
    }

    /** What a load did. */
    public record Result(int added, int changed, int unchanged) {
    }

    /** One recorded change of a calendar field. */
    public record Change(String distro, String cycle, String source, String field, String oldValue, String newValue,
            String location) {
    }

    public boolean isEmpty() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM release_calendar)")
                .mapTo(Boolean.class).one());
    }

    /** Stores {@code rows} in one transaction; changed fields are recorded with their old value. */
    public Result write(List<CalendarRow> rows) {
        return db.jdbi().inTransaction(h -> {
            int added = 0;
            int changed = 0;
            int unchanged = 0;
            for (CalendarRow r : rows) {
                Optional<Map<String, Object>> stored = h.createQuery("""
                                SELECT id, codename, lts, release_date, support_end, lts_end, extended_end, extended_label
                                FROM release_calendar WHERE distro = :distro AND cycle = :cycle AND source = :source""")
                        .bind("distro", r.distro()).bind("cycle", r.cycle()).bind("source", r.source())
                        .mapToMap().findOne();
                if (stored.isEmpty()) {
                    insert(h, r);
                    added++;
                    continue;
                }
                Map<String, Object> s = stored.get();
                Map<String, String[]> diff = differences(s, r);
                if (diff.isEmpty()) {
                    unchanged++;
                    continue;
                }
                int id = ((Number) s.get("id")).intValue();
                for (Map.Entry<String, String[]> d : diff.entrySet()) {
                    h.createUpdate("""
                                    INSERT INTO release_calendar_change (calendar_id, field, old_value, new_value, location)
                                    VALUES (:id, :field, :old, :new, :location)""")
                            .bind("id", id).bind("field", d.getKey()).bind("old", d.getValue()[0])
                            .bind("new", d.getValue()[1]).bind("location", r.location()).execute();
                }
                h.createUpdate("""
                                UPDATE release_calendar SET codename = :codename, lts = :lts, release_date = :release,
                                       support_end = :support, lts_end = :ltsEnd, extended_end = :extended,
                                       extended_label = :label, location = :location, updated_at = now()
                                WHERE id = :id""")
                        .bindMap(values(r)).bind("id", id).execute();
                changed++;
            }
            return new Result(added, changed, unchanged);
        });
    }

    private static void insert(Handle h, CalendarRow r) {
        h.createUpdate("""
                        INSERT INTO release_calendar (distro, cycle, source, codename, lts, release_date, support_end, lts_end,
                                                      extended_end, extended_label, location)
                        VALUES (:distro, :cycle, :source, :codename, :lts, :release, :support, :ltsEnd, :extended, :label,
                                :location)""")
                .bindMap(values(r)).execute();
    }

    private static Map<String, Object> values(CalendarRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", r.distro());
        m.put("cycle", r.cycle());
        m.put("source", r.source());
        m.put("codename", r.codename());
        m.put("lts", r.lts());
        m.put("release", r.releaseDate());
        m.put("support", r.supportEnd());
        m.put("ltsEnd", r.ltsEnd());
        m.put("extended", r.extendedEnd());
        m.put("label", r.extendedName());
        m.put("location", r.location());
        return m;
    }

    /** field -> {old, new} for every stored field that differs from the row. */
    private static Map<String, String[]> differences(Map<String, Object> s, CalendarRow r) {
        Map<String, String[]> out = new LinkedHashMap<>();
        compare(out, "codename", s.get("codename"), r.codename());
        compare(out, "lts", s.get("lts"), r.lts());
        compare(out, "release_date", date(s.get("release_date")), r.releaseDate());
        compare(out, "support_end", date(s.get("support_end")), r.supportEnd());
        compare(out, "lts_end", date(s.get("lts_end")), r.ltsEnd());
        compare(out, "extended_end", date(s.get("extended_end")), r.extendedEnd());
        compare(out, "extended_label", s.get("extended_label"), r.extendedName());
        return out;
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof Date d ? d.toLocalDate() : LocalDate.parse(o.toString());
    }

    private static void compare(Map<String, String[]> out, String field, Object old, Object now) {
        if (!Objects.equals(old, now)) {
            out.put(field, new String[] {old == null ? null : old.toString(), now == null ? null : now.toString()});
        }
    }

    /** Every stored row, by distro and cycle. */
    public List<CalendarRow> all() {
        return db.jdbi().withHandle(h -> new ArrayList<>(h.createQuery("""
                            SELECT distro, cycle, source, codename, lts, release_date, support_end, lts_end, extended_end,
                                   extended_label, location
                            FROM release_calendar ORDER BY distro, cycle, source""")
                    .map((rs, ctx) -> new CalendarRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), local(rs.getDate(6)), local(rs.getDate(7)), local(rs.getDate(8)),
                            local(rs.getDate(9)), rs.getString(10), rs.getString(11)))
                    .list()));
    }

    private static LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    /** The recorded changes, oldest first. */
    public List<Change> changes() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT c.distro, c.cycle, c.source, x.field, x.old_value, x.new_value, x.location
                        FROM release_calendar_change x JOIN release_calendar c ON c.id = x.calendar_id
                        ORDER BY x.id""")
                .map((rs, ctx) -> new Change(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list());
    }
}
