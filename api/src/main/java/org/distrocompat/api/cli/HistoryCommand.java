package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.HistoryJson;
import org.distrocompat.api.json.Json;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.query.ReleaseHistory;
import org.distrocompat.db.query.ReleaseHistory.ArchHistory;
import org.distrocompat.db.query.ReleaseHistory.Observation;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history}: the crawled package versions of a release over time, and what each added or removed. */
@Command(name = "history", header = "When did a release gain a version? Its package history",
        mixinStandardHelpOptions = true,
        description = {"The crawled package observations of a release per arch (first and last seen, current or "
                + "replaced) with the symbol versions each one added or removed.",
                "With --version NAME: when that exact version name (e.g. GLIBCXX_3.4.31) first appeared, per arch; "
                        + "on musl releases also an exported libc symbol name (e.g. qsort_r). "
                        + "Exit 1 when no observed package defines it."})
final class HistoryCommand extends CommandBase implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DISTRO", description = "distro id, e.g. debian")
    String distro;

    @Parameters(index = "1", paramLabel = "RELEASE", description = "release version or codename, e.g. 12 or bookworm")
    String release;

    @Option(names = "--arch", description = "only this architecture (wheel or distro name)")
    String arch;

    @Option(names = "--version", paramLabel = "NAME", description = "when did this version name first appear")
    String version;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Mixin
    DatabaseOptions database;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Override
    public Integer call() {
        String wheelArch = arch == null ? null : Arch.parse(arch).wheelName();
        List<ArchHistory> history;
        try (Database db = database.open()) {
            history = new ReleaseHistory(db.jdbi()).of(distro.toLowerCase(Locale.ROOT), release, wheelArch);
        }
        if (history.isEmpty()) {
            throw new UserException("no crawled packages for " + distro + " " + release
                    + (wheelArch == null ? "" : " " + wheelArch)
                    + " (history comes from crawls; imported releases have none)");
        }
        PrintWriter out = out();
        if (version != null) {
            return answerVersion(out, history);
        }
        if (json) {
            Json.print(out, history.stream().map(HistoryJson::of).toList());
            return ExitCodes.OK;
        }
        for (ArchHistory h : history) {
            out.println(label(h));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"  PACKAGE", "VERSION", "POCKET", "FIRST SEEN", "LAST SEEN", "VERSIONS"});
            h.packages().forEach((name, list) -> list.forEach(o -> rows.add(new String[] {"  " + name, o.version(),
                    o.pocket() == null ? "-" : o.pocket(), o.firstSeen().format(WHEN),
                    o.current() ? "current" : o.lastSeen().format(WHEN), change(o)})));
            Table.print(out, rows);
            for (ReleaseHistory.Drop d : h.drops()) {
                out.println("  ALERT " + d.foundAt().format(WHEN) + " (crawl run " + d.runId() + "): " + d.packageName()
                        + " " + d.newVersion() + " no longer defines " + String.join(", ", d.dropped()) + " ("
                        + d.oldVersion() + " did)");
            }
        }
        return ExitCodes.OK;
    }

    private int answerVersion(PrintWriter out, List<ArchHistory> history) {
        boolean found = false;
        List<Map<String, Object>> answers = new ArrayList<>();
        for (ArchHistory h : history) {
            Optional<Observation> first = h.firstDefining(version);
            found |= first.isPresent();
            answers.add(HistoryJson.firstSeen(h, version));
            if (!json) {
                out.println(label(h) + ": " + first.map(o -> version + " since " + o.firstSeen().format(WHEN) + " in "
                        + o.packageName() + " " + o.version() + (o.pocket() == null ? "" : " from " + o.pocket())
                        + (o.first() ? " (already there at the first crawl)" : ""))
                        .orElse("no observed package defines " + version));
            }
        }
        if (json) {
            Json.print(out, answers);
        }
        out.flush();
        return found ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String label(ArchHistory h) {
        return h.distro() + " " + h.release() + (h.codename() == null ? "" : " (" + h.codename() + ")") + " " + h.arch()
                + ("musl".equals(h.libc()) && h.libcVersion() != null ? ", musl " + h.libcVersion() : "");
    }

    private static String change(Observation o) {
        if (o.first()) {
            return o.defines().size() + " defined (first observation)";
        }
        if (o.gained().isEmpty() && o.lost().isEmpty()) {
            return "unchanged";
        }
        StringBuilder sb = new StringBuilder();
        o.gained().forEach(v -> sb.append('+').append(v).append(' '));
        o.lost().forEach(v -> sb.append('-').append(v).append(' '));
        return sb.toString().strip();
    }
}
