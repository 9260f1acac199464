package org.distrocompat.api.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyDiff;
import org.distrocompat.core.policy.PolicyExplainer;
import org.distrocompat.core.policy.PolicyFileException;
import org.distrocompat.core.policy.PolicyGenerator;
import org.distrocompat.core.policy.PolicyInvariants;
import org.distrocompat.core.policy.PolicyJson;
import org.distrocompat.core.policy.PolicyPublisher;
import org.distrocompat.core.policy.PolicySet;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code policy}: derive auditwheel's manylinux policy file from the database, explain it, diff it. */
@Command(name = "policy", header = "Derive auditwheel's manylinux policy file, with reasons", mixinStandardHelpOptions = true,
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
            description = "print what changed against OLD.json; exit status 1 when anything did, 0 when nothing did")
    Path diff;

    @Option(names = "--arch", split = ",", paramLabel = "ARCH", description = "only these architectures")
    List<String> arches = new ArrayList<>();

    @Option(names = "--json", description = "--explain and --diff as JSON")
    boolean json;

    @Option(names = "--show-config", description = "print the mainstream configuration in use and exit")
    boolean showConfig;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = out();
        MainstreamConfig config = policyOptions.config();
        if (showConfig) {
            stdout.print(config.render());
            stdout.flush();
            return ExitCodes.OK;
        }
        Set<String> archNames = new LinkedHashSet<>();
        arches.forEach(a -> archNames.add(Arch.parse(a).wheelName()));
        List<Policy> old = diff == null ? null : readDiffBase();
        PolicySet set;
        try (Database db = database.open()) {
            set = new PolicyGenerator(config).generate(db, archNames);
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
                jsonOut.put("explain", PolicyExplainer.json(set));
            } else {
                PolicyExplainer.lines(set).forEach(stdout::println);
            }
        }
        if (old != null) {
            List<PolicyDiff.Change> changes = PolicyDiff.diff(old, set.policies());
            if (json) {
                jsonOut.put("changed", !changes.isEmpty());
                jsonOut.put("diff", changes);
            } else {
                stdout.print(PolicyDiff.text(changes, diff.toString(), out == null ? "(derived)" : out.toString()));
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
                stdout.println("wrote " + out + ": " + (set.policies().size() - 1) + " manylinux policies ("
                        + set.policies().get(1).name() + " .. " + set.policies().get(set.policies().size() - 1).name()
                        + "), " + set.mainstreamCells().size() + " mainstream release x arch cells");
            }
        }
        stdout.flush();
        return code;
    }

    private List<Policy> readDiffBase() {
        try {
            return PolicyJson.read(diff);
        } catch (PolicyFileException e) {
            throw new UserException(e.getMessage()); // names the file already
        }
    }
}
