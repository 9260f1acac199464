package org.distrocompat.api.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.core.policy.MusllinuxGenerator;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyDiff;
import org.distrocompat.core.policy.PolicyExplainer;
import org.distrocompat.core.policy.PolicyDiffCauses;
import org.distrocompat.core.policy.PolicyFileException;
import org.distrocompat.core.policy.PolicyGenerator;
import org.distrocompat.core.policy.PolicyInvariants;
import org.distrocompat.core.policy.PolicyJson;
import org.distrocompat.core.policy.PolicyJudge;
import org.distrocompat.core.policy.PolicyPublisher;
import org.distrocompat.core.policy.PolicySet;
import org.distrocompat.db.Database;
import org.distrocompat.db.repo.CalendarStore;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code policy}: derive auditwheel's manylinux policy file from the database, explain it, diff it. */
@Command(name = "policy", header = "Derive auditwheel's manylinux/musllinux policy file, with reasons",
        mixinStandardHelpOptions = true,
        description = {"Derive a manylinux policy file in auditwheel's format by the PEP 600 rule: on each arch and "
                + "prefix, manylinux_2_Y allows the versions every mainstream release with glibc >= 2.Y defines.",
                "Prints the file (or writes it with --out) after checking the invariants auditwheel's loader checks; "
                        + "a violation names the releases responsible and exits 1.",
                "--explain says which release binds each bound; --diff compares with an older file and exits 1 "
                        + "when anything changed."})
final class PolicyCommand extends CommandBase implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PolicyOptions policyOptions;

    @Option(names = "--out", paramLabel = "FILE", description = "write the policy file here (atomically)")
    Path out;

    @Option(names = "--explain", description = "for each policy x arch x prefix, the release(s) that bind the bound")
    boolean explain;

    @Option(names = "--diff", paramLabel = "OLD.json",
            description = "print what changed against OLD.json ('official': auditwheel's file, with the cause of every "
                    + "difference); exit status 1 when anything did, 0 when nothing did")
    Path diff;

    @Option(names = "--supported-at", paramLabel = "DATE",
            description = "mainstream = the releases supported on DATE (YYYY-MM-DD) by the release calendar, instead of "
                    + "the status rule; --include/--exclude still apply")
    LocalDate supportedAt;

    @Option(names = "--include-extended", description = "with --supported-at, count extended support (ELTS, ESM, ELS)")
    boolean includeExtended;

    @Option(names = "--arch", split = ",", paramLabel = "ARCH", description = "only these architectures")
    List<String> arches = new ArrayList<>();

    @Option(names = "--json", description = "--explain and --diff as JSON")
    boolean json;

    @Option(names = "--show-config", description = "print the mainstream configuration in use and exit")
    boolean showConfig;

    @Option(names = "--musl", description = "derive auditwheel's musllinux-policy.json (PEP 656: musllinux_1_Y allows "
            + "what every mainstream musl release with musl >= 1.Y has) instead of the manylinux file")
    boolean musl;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = out();
        MainstreamConfig config = musl ? MusllinuxGenerator.config(policyOptions.config()) : policyOptions.config();
        if (showConfig) {
            stdout.print(config.render());
            stdout.flush();
            return ExitCodes.OK;
        }
        if (out != null) {
            PolicyPublisher.checkTarget(out); // a device, FIFO or link is refused before the derivation's work
        }
        Set<String> archNames = new LinkedHashSet<>();
        arches.forEach(a -> archNames.add(Arch.parse(a).wheelName()));
        List<Policy> old = diff == null ? null : readDiffBase();
        PolicySet set;
        try (Database db = database.open()) {
            if (musl) {
                set = new MusllinuxGenerator(config).generate(db, archNames);
            } else {
                ReleaseCalendar calendar = ReleaseCalendar.of(new CalendarStore(db).all());
                PolicyGenerator generator = new PolicyGenerator(config);
                generator = supportedAt != null ? generator.supportedAt(calendar, supportedAt, includeExtended)
                        : calendar.isEmpty() ? generator : generator.withCalendar(calendar, LocalDate.now());
                set = generator.generate(db, archNames);
            }
        }
        if (musl && set.policies().size() <= 1) {
            throw new UserException("no mainstream musl release stored" + (archNames.isEmpty() ? "" : " for " + archNames)
                    + "; crawl an apk source (e.g. 'distrocompat crawl --source alpine --mirror URL') first");
        }
        if (set.policies().size() <= 1) {
            throw new UserException("no mainstream glibc release stored" + (archNames.isEmpty() ? "" : " for " + archNames)
                    + "; run 'distrocompat import pep600 DIR' or a crawl first (see --show-config for what counts)");
        }
        List<PolicyInvariants.Violation> violations = PolicyInvariants.check(set.policies(), set.derivations());
        if (!violations.isEmpty()) {
            PrintWriter err = err();
            violations.forEach(v -> err.println("distrocompat: policy: invariant violated: " + v.message()));
            err.println("distrocompat: policy: " + violations.size() + " invariant violation(s); nothing written");
            err.flush();
            return ExitCodes.FAILED;
        }
        if (out != null) {
            PolicyPublisher.writeAtomically(out, set.json());
        }
        int code = ExitCodes.OK;
        Map<String, Object> jsonOut = new LinkedHashMap<>();
        if (explain) {
            if (json) {
                jsonOut.put("config", config.summary());
                jsonOut.put("explain", musl ? MusllinuxGenerator.explainJson(set) : PolicyExplainer.json(set));
            } else {
                (musl ? MusllinuxGenerator.explain(set) : PolicyExplainer.lines(set)).forEach(stdout::println);
            }
        }
        if (old != null) {
            List<PolicyDiff.Change> changes = PolicyDiff.diff(old, set.policies());
            String oldName = official() ? "official" : diff.toString();
            if (json) {
                jsonOut.put("changed", !changes.isEmpty());
                jsonOut.put("diff", changes.stream().map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("policy", c.policy());
                    m.put("kind", c.kind());
                    m.put("scope", c.scope());
                    m.put("added", c.added());
                    m.put("removed", c.removed());
                    m.put("cause", PolicyDiffCauses.cause(c, old, oldName, set));
                    return m;
                }).toList());
            } else {
                stdout.println("--- " + (official() ? "auditwheel's official manylinux-policy.json (bundled)" : diff));
                stdout.println("+++ " + (out == null ? "(derived)" : out.toString()));
                List<String> lines = PolicyDiffCauses.lines(old, oldName, set);
                lines.forEach(stdout::println);
                stdout.println(lines.isEmpty() ? "no changes" : lines.size() + " difference(s), each with its cause");
            }
            code = changes.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        if (!jsonOut.isEmpty()) {
            Json.print(stdout, jsonOut);
        }
        if (!explain && old == null) {
            if (out == null) {
                stdout.print(set.json());
            } else {
                stdout.println("wrote " + out + ": " + (set.policies().size() - 1) + (musl ? " musllinux" : " manylinux")
                        + " policies ("
                        + set.policies().get(1).name() + " .. " + set.policies().get(set.policies().size() - 1).name()
                        + "), " + set.mainstreamCells().size() + " mainstream release x arch cells");
            }
        }
        stdout.flush();
        return code;
    }

    /** {@code --diff official}: auditwheel's bundled file. */
    private boolean official() {
        return diff != null && diff.toString().equals("official") && !Files.exists(diff);
    }

    private List<Policy> readDiffBase() {
        if (official()) {
            return PolicyJudge.officialManylinux().policies();
        }
        try {
            return PolicyJson.read(diff);
        } catch (PolicyFileException e) {
            throw new UserException(e.getMessage()); // names the file already
        }
    }
}
