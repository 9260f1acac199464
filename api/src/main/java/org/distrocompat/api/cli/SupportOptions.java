package org.distrocompat.api.cli;

import java.time.LocalDate;
import org.distrocompat.core.calendar.SupportStatus;
import picocli.CommandLine.Option;

/** {@code --supported [--as-of DATE] [--include-extended]}: restrict an answer to the releases supported on a date. */
final class SupportOptions {

    @Option(names = "--supported", description = "only releases supported on the --as-of date (by the release calendar)")
    boolean supported;

    @Option(names = "--as-of", paramLabel = "DATE", description = "the date support is judged on, YYYY-MM-DD (default: today)")
    LocalDate asOf;

    @Option(names = "--include-extended",
            description = "with --supported, count extended support too (Debian ELTS, Ubuntu ESM, RHEL ELS)")
    boolean includeExtended;

    /** The date support is judged on. */
    LocalDate date() {
        return asOf != null ? asOf : LocalDate.now();
    }

    /** Whether a release with this support passes the filter (everything does without --supported). */
    boolean keeps(SupportStatus s) {
        return !supported || s.supported(includeExtended);
    }

    /** "supported on 2025-01-01 (extended support included)", for headers. */
    String describe() {
        return "supported on " + date() + (includeExtended ? " (extended support included)" : "");
    }
}
