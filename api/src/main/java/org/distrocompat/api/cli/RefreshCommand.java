package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distrocompat.core.policy.PolicyPublisher;
import org.distrocompat.core.refresh.CrawlEverySource;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code refresh}: the scheduled job — crawl, regenerate the policy file, publish it atomically with a diff. */
@Command(name = "refresh", header = "Scheduled job: crawl, then publish the policy with a diff", mixinStandardHelpOptions = true,
        description = {"Crawl every configured source, regenerate manylinux-policy.json into the output directory, "
                + "replace it atomically only when it changed and keep the diff next to it (manylinux-policy.json.diff).",
                "A run that fails midway leaves the previous files untouched. Plain 'refresh' suits cron; "
                        + "'refresh --every 24h' runs it on a schedule in one long-lived process."})
final class RefreshCommand extends CommandBase implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PolicyOptions policyOptions;

    @Mixin
    RefreshJobOptions jobOptions;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "run on a schedule in this process: e.g. 24h, 6h, 30m, 1d, 90s (or ISO-8601 such as PT24H)")
    String every;

    @Option(names = "--commit-to", paramLabel = "DIR",
            description = "also write the policy into this git work tree (a clone of auditwheel: src/auditwheel/policy/) "
                    + "and commit it with a message from the diff and the reasons; nothing is pushed; no change, no commit")
    Path commitTo;

    @Option(names = "--commit-path", paramLabel = "PATH",
            description = "with --commit-to, the directory in the work tree (default: src/auditwheel/policy when it "
                    + "exists, else the work tree's root)")
    Path commitPath;

    @Option(names = "--runs", hidden = true, description = "stop after this many scheduled runs (tests)")
    int runs;

    @Override
    public Integer call() throws InterruptedException {
        Duration interval = every == null ? null : parseDuration(every);
        if (commitTo != null && !Files.exists(commitTo.resolve(".git"))) {
            throw new UserException("--commit-to " + commitTo + ": not a git work tree (clone the repository first)");
        }
        CrawlEverySource crawl = jobOptions.crawl();
        RefreshJob job = jobOptions.job(policyOptions.config(), crawl);
        if (commitTo != null) {
            job.commitTo(commitTo, commitPath);
        }
        PrintWriter out = out();
        PrintWriter err = err();
        int done = 0;
        while (true) {
            Instant started = Instant.now();
            boolean ok = runOnce(job, crawl, out, err, interval == null)
                    && (crawl == null || crawl.failedCells() + crawl.warnings() == 0);
            done++;
            if (interval == null) {
                return ok ? ExitCodes.OK : ExitCodes.FAILED;
            }
            if (runs > 0 && done >= runs) {
                return ExitCodes.OK;
            }
            Instant next = started.plus(interval);
            out.println("next run at " + next);
            out.flush();
            long wait = Duration.between(Instant.now(), next).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    }

    /**
     * One run; false when it failed and the loop goes on. A single run ({@code single}) lets the failure end the
     * command instead, so that it exits as an error (2 or 3), not 1, which means "the run had failures".
     */
    private boolean runOnce(RefreshJob job, CrawlEverySource crawl, PrintWriter out, PrintWriter err, boolean single) {
        out.println("refresh at " + Instant.now() + ": " + (crawl != null ? "crawling every configured source"
                : "--no-crawl: regenerating from the database only"));
        out.flush();
        try (Database db = database.open()) {
            PolicyPublisher.Outcome o = job.run(db, out);
            for (PolicyPublisher.Outcome published : job.muslOutcome().map(m -> List.of(o, m)).orElse(List.of(o))) {
                if (published.changed()) {
                    out.println("updated " + published.file() + ": " + published.changes().size() + " change(s); diff in "
                            + published.diffFile());
                } else {
                    out.println("unchanged " + published.file());
                }
            }
            if (job.lastCommit() != null) {
                out.println(job.lastCommit().committed() ? "committed " + job.lastCommit().file() + " as "
                        + job.lastCommit().commitId().substring(0, 12) + ": " + job.lastCommit().subject()
                        : "nothing to commit: " + job.lastCommit().file() + " has this content already");
            }
            if (crawl != null && crawl.warnings() > 0) {
                err.println("distrocompat: refresh: " + crawl.warnings() + " warning(s): a new package version no longer "
                        + "defines version names its predecessor did; see the crawl summary above and 'history'");
                err.flush();
            }
            if (crawl != null && crawl.failedCells() > 0) {
                err.println("distrocompat: refresh: " + crawl.failedCells() + " crawl cell(s) failed and kept their "
                        + "previous data; see the crawl summary above");
                err.flush();
            }
            out.flush();
            return true;
        } catch (DistrocompatException e) {
            if (single) {
                // the user's to fix (a target that is not a regular file, a bad previous file) or the environment's
                throw e.getCause() instanceof UserException ? new UserException(Messages.of(e)) : e;
            }
            // a scheduled run reports its failure and the loop goes on; a bug still ends the process
            err.println("distrocompat: refresh: " + Messages.of(e));
            err.flush();
            return false;
        }
    }

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*([smhd])");

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new UserException("cannot read duration '" + text + "' (use e.g. 24h, 30m, 1d, 90s or PT24H)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new UserException("--every needs a positive duration, not '" + text + "'");
        }
        return d;
    }
}
