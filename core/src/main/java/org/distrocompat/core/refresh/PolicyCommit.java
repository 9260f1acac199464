package org.distrocompat.core.refresh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.core.policy.Derivation;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyDiff;
import org.distrocompat.core.policy.PolicyJson;
import org.distrocompat.core.policy.PolicySet;
import org.distrocompat.db.error.UserException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Publishes the derived policy file like a maintainer would: writes it into a git work tree (a clone of auditwheel:
 * {@code src/auditwheel/policy/manylinux-policy.json}) and commits it with JGit, with a message built from the
 * diff and the derivation's reasons ("manylinux_2_39 x86_64: GLIBCXX up to 3.4.33, bound by ubuntu-24.04"). Nothing
 * is pushed; when the file in the work tree already has this content, nothing is written and nothing committed.
 */
public final class PolicyCommit {
    /** Where auditwheel keeps its policy files in its repository. */
    public static final Path AUDITWHEEL_POLICY_DIR = Path.of("src", "auditwheel", "policy");
    private static final int MAX_BODY_LINES = 60;

    private PolicyCommit() {
    }

    /** A commit made (its id and first line), or none when the work tree had the content already. */
    public record Result(Path file, String commitId, String subject) {
        public boolean committed() {
            return commitId != null;
        }
    }

    /**
     * Writes {@code set}'s policy file into {@code workTree} (under {@code subdir} when given, else auditwheel's
     * layout when the work tree has it, else its root) and commits it; {@code false} result when unchanged.
     */
    public static Result commit(Path workTree, Path subdir, PolicySet set, String fileName) {
        Path dir = subdir != null ? workTree.resolve(subdir)
                : Files.isDirectory(workTree.resolve(AUDITWHEEL_POLICY_DIR)) ? workTree.resolve(AUDITWHEEL_POLICY_DIR)
                : workTree;
        Path file = dir.resolve(fileName);
        String content = set.json();
        try (Git git = Git.open(workTree.toFile())) {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return new Result(file, null, null);
            }
            List<Policy> before = Files.isRegularFile(file) ? PolicyJson.read(file) : List.of();
            List<PolicyDiff.Change> changes = PolicyDiff.diff(before, set.policies());
            Files.createDirectories(dir);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            String path = workTree.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                    .replace('\\', '/');
            git.add().addFilepattern(path).call();
            String message = message(changes, set);
            PersonIdent who = identity(git);
            RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setOnly(path).call();
            return new Result(file, c.getId().name(), c.getShortMessage());
        } catch (RepositoryNotFoundException e) {
            throw new UserException("--commit-to " + workTree + ": not a git work tree");
        } catch (IOException | GitAPIException e) {
            throw new UserException("--commit-to " + workTree + ": " + e.getMessage(), e);
        }
    }

    /** The repository's user.name/user.email when configured, else distrocompat's own identity. */
    private static PersonIdent identity(Git git) {
        StoredConfig config = git.getRepository().getConfig();
        String name = config.getString("user", null, "name");
        String email = config.getString("user", null, "email");
        return new PersonIdent(name != null ? name : "distrocompat refresh",
                email != null ? email : "refresh@distrocompat.invalid");
    }

    /** Subject from the diff's size; body: one line per changed bound with its reason, then the other changes. */
    static String message(List<PolicyDiff.Change> changes, PolicySet set) {
        Set<String> policies = new LinkedHashSet<>();
        changes.forEach(c -> policies.add(c.policy()));
        StringBuilder sb = new StringBuilder("Update manylinux policy: " + changes.size() + " change"
                + (changes.size() == 1 ? "" : "s") + " in " + policies.size() + " polic" + (policies.size() == 1 ? "y" : "ies")
                + "\n\nDerived by distrocompat refresh (" + set.config().summary() + ").\n\n");
        List<String> body = new ArrayList<>();
        for (PolicyDiff.Change c : changes) {
            body.add(c.line());
            if (c.kind().equals("versions")) {
                String[] scope = c.scope().split(" ");
                Derivation d = set.derivations().get(c.policy());
                Map<String, Derivation.Bound> byPrefix = d == null ? null : d.bounds().get(scope[0]);
                Derivation.Bound b = byPrefix == null ? null : byPrefix.get(scope[1]);
                if (b != null) {
                    body.add("  " + c.policy() + " " + scope[0] + ": " + scope[1] + " up to "
                            + (b.max() == null ? "(none)" : b.max()) + (b.binding().isEmpty() ? ", " + b.reason()
                            : ", bound by " + String.join(", ", b.binding().subList(0, Math.min(4, b.binding().size())))
                                    + (b.binding().size() > 4 ? " and " + (b.binding().size() - 4) + " more" : "")));
                }
            }
        }
        body.stream().limit(MAX_BODY_LINES).forEach(l -> sb.append(l).append('\n'));
        if (body.size() > MAX_BODY_LINES) {
            sb.append("... and ").append(body.size() - MAX_BODY_LINES).append(" more lines (see the .diff file)\n");
        }
        return sb.toString();
    }
}
