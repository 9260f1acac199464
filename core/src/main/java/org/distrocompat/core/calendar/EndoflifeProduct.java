package org.distrocompat.core.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.query.CalendarRow;

/**
 * An endoflife.date product file ({@code products/<slug>.md}): YAML front matter between the first two
 * {@code ---} lines whose {@code releases} list one release cycle each — {@code releaseCycle}, {@code codename},
 * {@code releaseDate}, {@code eoas} (end of active support), {@code eol} (end of life), {@code eoes} (end of
 * extended support), {@code lts}. Dates may be booleans: {@code eol: false} means no end announced, {@code true}
 * an end whose date is not known (taken as the release date: over already). The product's {@code eoes} meaning
 * comes from {@link CalendarProducts}.
 */
public final class EndoflifeProduct {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private EndoflifeProduct() {
    }

    /** Parses one product file; malformed front matter is one line of bad input naming the file. */
    public static List<CalendarRow> parse(CalendarProducts.Product product, String text, String location) {
        String front = frontMatter(text, location);
        JsonNode root;
        try {
            root = YAML.readTree(front);
        } catch (JsonProcessingException e) {
            throw new UserException(location + ": front matter is not valid YAML (" + e.getOriginalMessage() + ")");
        }
        JsonNode releases = root == null ? null : root.get("releases");
        if (releases == null || !releases.isArray()) {
            throw new UserException(location + ": no 'releases' list in the front matter");
        }
        List<CalendarRow> rows = new ArrayList<>();
        for (JsonNode r : releases) {
            JsonNode cycleNode = r.get("releaseCycle");
            if (cycleNode == null || cycleNode.asText().isBlank()) {
                throw new UserException(location + ": a release without releaseCycle");
            }
            String cycle = cycleNode.asText().strip();
            LocalDate release = date(r, "releaseDate", null, location, cycle);
            LocalDate eol = date(r, "eol", release, location, cycle);
            LocalDate eoes = date(r, "eoes", release, location, cycle);
            boolean lts = r.has("lts") && !(r.get("lts").isBoolean() && !r.get("lts").asBoolean());
            LocalDate ltsEnd = null;
            LocalDate extended = null;
            String extendedName = null;
            if (eoes != null && product.eoes() == CalendarProducts.EoesMeaning.LTS) {
                ltsEnd = eoes;
            } else if (eoes != null) {
                extended = eoes;
                extendedName = product.label() != null ? product.label() : "extended";
            }
            String codename = r.hasNonNull("codename") ? r.get("codename").asText().strip() : null;
            rows.add(new CalendarRow(product.distro(), cycle, CalendarRow.ENDOFLIFE,
                    codename == null || codename.isEmpty() ? null : codename, lts, release, eol, ltsEnd, extended,
                    extendedName, location));
        }
        return rows;
    }

    private static String frontMatter(String text, String location) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            throw new UserException(location + ": no YAML front matter (the file must start with a '---' line)");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                return sb.toString();
            }
            sb.append(lines[i]).append('\n');
        }
        throw new UserException(location + ": the front matter has no closing '---' line");
    }

    /** A date field: a date, false (null: no end announced) or true (ended on an unknown day: {@code ifTrue}). */
    private static LocalDate date(JsonNode r, String field, LocalDate ifTrue, String location, String cycle) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? ifTrue : null;
        }
        String s = v.asText().strip().toLowerCase(Locale.ROOT);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new UserException(location + ": release " + cycle + ": " + field + " '" + v.asText()
                    + "' is neither a date (YYYY-MM-DD) nor true/false");
        }
    }
}
