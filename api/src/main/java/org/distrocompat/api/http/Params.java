package org.distrocompat.api.http;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.distrocompat.db.model.Arch;

/**
 * Query parameters, read strictly: an unknown parameter or an unreadable value is a 400 that names it, so that a
 * typo ({@code ?distor=debian}) is not silently an unfiltered answer.
 */
final class Params {
    private Params() {
    }

    /** Refuses parameters other than {@code allowed}. */
    static void only(Context ctx, String... allowed) {
        Set<String> known = Set.of(allowed);
        Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw HttpProblem.badRequest("unknown query parameter" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + (allowed.length == 0 ? "; this route takes none"
                    : "; known: " + String.join(", ", new TreeSet<>(Arrays.asList(allowed)))));
        }
    }

    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static Arch arch(Context ctx) {
        String v = text(ctx, "arch");
        return v == null ? null : Arch.parse(v);
    }

    static LocalDate date(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("today")) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(name + ": expected a date such as 2025-06-30 (or 'today'), got '" + v + "'");
        }
    }

    static boolean flag(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw HttpProblem.badRequest(name + ": expected true or false, got '" + v + "'");
        };
    }

    /** A value of a closed set, by its lower-case name. */
    static <T> T oneOf(Context ctx, String name, List<T> values, Function<T, String> nameOf) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        for (T t : values) {
            if (nameOf.apply(t).equalsIgnoreCase(v)) {
                return t;
            }
        }
        throw HttpProblem.badRequest(name + ": unknown value '" + v + "'; known: "
                + String.join(", ", values.stream().map(nameOf).toList()));
    }
}
