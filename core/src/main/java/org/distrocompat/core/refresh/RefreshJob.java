package org.distrocompat.core.refresh;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distrocompat.core.calendar.CalendarLoader;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.core.policy.MusllinuxGenerator;
import org.distrocompat.core.policy.PolicyGenerator;
import org.distrocompat.core.policy.PolicyInvariants;
import org.distrocompat.core.policy.PolicyPublisher;
import org.distrocompat.core.policy.PolicySet;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.repo.CalendarStore;
import org.distrocompat.db.snapshot.ReleaseSnapshot;

/**
 * The scheduled job: run the crawl step (if one is plugged in), derive the policies from the database,
 * check auditwheel's invariants and publish {@code manylinux-policy.json} (and {@code musllinux-policy.json} when
 * musl releases are stored) into the output directory —
 * atomically and only when it changed, with the diff kept as {@code manylinux-policy.json.diff}. Any failure
 * before the final rename leaves the previous files as they were.
 */
public final class RefreshJob {
    public static final String POLICY_FILE = "manylinux-policy.json";
    /** Published beside the manylinux file when the database holds mainstream musl releases. */
    public static final String MUSL_POLICY_FILE = "musllinux-policy.json";

    private final MainstreamConfig config;
    private final Path outDir;
    private final Optional<RefreshStep> crawl;
    private PolicyPublisher.Outcome musl;
    private Path commitTo;
    private Path commitPath;
    private PolicyCommit.Result lastCommit;

    public RefreshJob(MainstreamConfig config, Path outDir, Optional<RefreshStep> crawl) {
        this.config = config;
        this.outDir = outDir;
        this.crawl = crawl;
    }

    /**
     * Also write each published policy into the git work tree {@code workTree} ({@code subdir} in it, or auditwheel's
     * layout) and commit it when its content there changes ({@link PolicyCommit}); nothing is pushed.
     */
    public RefreshJob commitTo(Path workTree, Path subdir) {
        this.commitTo = workTree;
        this.commitPath = subdir;
        return this;
    }

    /** The commit of the last run (null without {@link #commitTo} or before a run). */
    public PolicyCommit.Result lastCommit() {
        return lastCommit;
    }

    /** Raised when a run fails; the message says where, the published files are untouched. */
    public static final class RefreshFailed extends DistrocompatException {
        private static final long serialVersionUID = 1L;

        public RefreshFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the last run did to musllinux-policy.json; empty when the database held no mainstream musl release. */
    public Optional<PolicyPublisher.Outcome> muslOutcome() {
        return Optional.ofNullable(musl);
    }

    private static void checkInvariants(PolicySet set) {
        List<PolicyInvariants.Violation> violations = PolicyInvariants.check(set.policies(), set.derivations());
        if (!violations.isEmpty()) {
            throw new RefreshFailed("policy invariant violated: " + violations.get(0).message()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "")
                    + "; previous files untouched", null);
        }
    }

    public PolicyPublisher.Outcome run(Database db, PrintWriter out) {
        // the host's distro-info-data may have been upgraded since the last run: changed dates keep their history
        CalendarStore.Result calendar = CalendarLoader.forHost().refreshDistroInfo(db);
        if (calendar.added() + calendar.changed() > 0) {
            out.println("calendar: " + calendar.added() + " release cycle(s) added, " + calendar.changed()
                    + " changed (old dates kept in the calendar history)");
            ReleaseSnapshot.refreshSnapshot(db);
        }
        if (crawl.isPresent()) {
            try {
                crawl.get().run(db, out);
            } catch (Exception e) {
                throw new RefreshFailed("crawl failed: " + e.getMessage() + "; previous files untouched", e);
            }
        }
        PolicySet set = new PolicyGenerator(config).generate(db, Set.of());
        if (set.policies().size() <= 1) {
            throw new RefreshFailed("the database holds no mainstream glibc release; previous files untouched", null);
        }
        checkInvariants(set);
        PolicySet muslSet = new MusllinuxGenerator(MusllinuxGenerator.config(config)).generate(db, Set.of());
        checkInvariants(muslSet);
        musl = null;
        PolicyPublisher.Outcome outcome;
        try {
            outcome = PolicyPublisher.publish(outDir.resolve(POLICY_FILE), set.policies(),
                    "# distrocompat refresh at " + Instant.now() + "; " + config.summary());
            if (muslSet.policies().size() > 1) {
                musl = PolicyPublisher.publish(outDir.resolve(MUSL_POLICY_FILE), muslSet.policies(),
                        "# distrocompat refresh at " + Instant.now() + "; " + muslSet.config().summary());
            }
        } catch (IOException | UserException e) {
            // PolicyFileException: the previously published file, read for the diff, is not a valid policy file;
            // other user errors: a target that is not a regular file
            throw new RefreshFailed("cannot publish into " + outDir + ": " + e.getMessage(), e);
        }
        if (commitTo != null) {
            lastCommit = PolicyCommit.commit(commitTo, commitPath, set, POLICY_FILE);
        }
        return outcome;
    }
}
