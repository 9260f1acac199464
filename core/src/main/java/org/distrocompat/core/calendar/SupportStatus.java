package org.distrocompat.core.calendar;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A release's support on one date: {@code status}, the support tier's name where it has one (LTS, ELTS, ESM, ELS)
 * and the last day of that tier ({@code until}, null when no end is announced or the status has no end).
 */
public record SupportStatus(Status status, String label, LocalDate until) {

    /** The support states the calendar distinguishes. */
    public enum Status {
        /** Released and within standard support or free long-term support (Debian LTS). */
        SUPPORTED,
        /** Past standard support but within paid or limited extended support (ELTS, ESM, ELS). */
        EXTENDED,
        /** Past every support the calendar knows of. */
        EOL,
        /** Not released yet on that date (announced, or a development suite such as Debian testing). */
        DEVEL,
        /** A moving suite with no release of its own (unstable, rawhide, tumbleweed). */
        ROLLING,
        /** No calendar entry matches the release. */
        UNKNOWN;

        public String schemaName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return schemaName();
        }
    }

    /** Whether a release in this state counts as "supported" on the date; extended support only when asked. */
    public boolean supported(boolean includeExtended) {
        return status == Status.SUPPORTED || includeExtended && status == Status.EXTENDED;
    }

    /** "supported (LTS until 2026-08-31)", "extended (ELTS until 2029-06-30)", "eol", "unknown (no calendar)". */
    public String describe() {
        StringBuilder sb = new StringBuilder(status.schemaName());
        if (label != null || until != null) {
            sb.append(" (");
            if (label != null) {
                sb.append(label);
            }
            if (until != null) {
                sb.append(label != null ? " " : "").append("until ").append(until);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
