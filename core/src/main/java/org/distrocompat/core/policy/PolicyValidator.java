package org.distrocompat.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.core.policy.Policy.Family;

/**
 * The invariants a loaded policy file must hold, checked at once so that a bad file fails with one line instead
 * of giving wrong verdicts later. They are what auditwheel's loader asserts or relies on:
 * <ol>
 * <li>names and aliases are unique across the file (auditwheel's lookup by name refuses two matches);</li>
 * <li>there is exactly one {@code linux} policy and it has the lowest priority (auditwheel takes the
 * lowest-priority policy as its always-satisfied fallback);</li>
 * <li>priorities are distinct (auditwheel orders policies by priority alone: a tie leaves the best tag, and which
 * policy must contain which, undefined);</li>
 * <li>a musllinux file holds musllinux_X_Y policies only, besides linux (auditwheel selects the musl policy by
 * that name);</li>
 * <li>of two PEP 600 / PEP 656 policies, the one of the newer libc has the lower priority (the order the
 * invariants below run in is the libc order);</li>
 * <li>by falling priority, every policy's lib_whitelist contains the older ones', and on every arch it lists,
 * every prefix it lists contains the versions the older policies allow there
 * ({@link PolicyInvariants}).</li>
 * </ol>
 */
final class PolicyValidator {

    private PolicyValidator() {
    }

    static void validate(List<Policy> policies, String source) {
        uniqueNames(policies, source);
        linuxLast(policies, source);
        List<Policy> byPriority = new ArrayList<>(policies);
        byPriority.sort(Comparator.comparingInt(Policy::priority).reversed());
        distinctPriorities(byPriority, source);
        oneFamily(policies, source);
        priorityFollowsLibc(byPriority, source);
        growth(policies, source);
    }

    private static void uniqueNames(List<Policy> policies, String source) {
        Map<String, String> owner = new HashMap<>(); // name or alias -> the policy it names
        for (Policy p : policies) {
            if (owner.putIfAbsent(p.name(), p.name()) != null) {
                throw bad(source, p.name(), "two policies have this name");
            }
        }
        for (Policy p : policies) {
            for (String alias : p.aliases()) {
                String other = owner.putIfAbsent(alias, p.name());
                if (other != null && !other.equals(p.name())) {
                    throw bad(source, p.name(), "alias " + alias + " also names " + other);
                }
            }
        }
    }

    private static void linuxLast(List<Policy> policies, String source) {
        Policy linux = policies.stream().filter(Policy::isLinux).findFirst()
                .orElseThrow(() -> new PolicyFileException(source + ": no \"" + Policy.LINUX
                        + "\" policy (auditwheel's fallback, with the lowest priority)"));
        for (Policy p : policies) {
            if (!p.isLinux() && p.priority() <= linux.priority()) {
                throw bad(source, Policy.LINUX, "priority " + linux.priority() + " is not below " + p.name() + "'s ("
                        + p.priority() + "); the fallback must have the lowest priority");
            }
        }
    }

    private static void distinctPriorities(List<Policy> byPriority, String source) {
        for (int i = 1; i < byPriority.size(); i++) {
            Policy a = byPriority.get(i - 1);
            Policy b = byPriority.get(i);
            if (a.priority() == b.priority()) {
                throw bad(source, b.name(), "priority " + b.priority() + " is " + a.name() + "'s too; priorities "
                        + "order the policies and must be distinct");
            }
        }
    }

    private static void oneFamily(List<Policy> policies, String source) {
        boolean musl = policies.stream().anyMatch(p -> p.libcVersion().filter(v -> v.family() == Family.MUSLLINUX)
                .isPresent());
        if (!musl) {
            return;
        }
        for (Policy p : policies) {
            if (!p.isLinux() && p.libcVersion().filter(v -> v.family() == Family.MUSLLINUX).isEmpty()) {
                throw bad(source, p.name(), "a musllinux policy file holds musllinux_X_Y policies and linux only");
            }
        }
    }

    private static void priorityFollowsLibc(List<Policy> byPriority, String source) {
        Policy previous = null; // the PEP-named policy of the next higher priority
        for (Policy p : byPriority) {
            Optional<Policy.LibcVersion> v = p.libcVersion();
            if (v.isEmpty()) {
                continue;
            }
            if (previous != null && previous.libcVersion().get().family() == v.get().family()
                    && !previous.libcVersion().get().olderThan(v.get())) {
                throw bad(source, previous.name(), "priority " + previous.priority() + " ranks it above "
                        + p.name() + " (" + p.priority() + "); a newer libc must have a lower priority");
            }
            previous = p;
        }
    }

    private static void growth(List<Policy> policies, String source) {
        List<PolicyInvariants.Violation> violations = PolicyInvariants.check(policies, Map.of());
        if (violations.isEmpty()) {
            return;
        }
        PolicyInvariants.Violation v = violations.get(0);
        String what = v.arch() == null
                ? v.newer() + ": lib_whitelist entry " + v.missing() + " allowed by " + v.older() + " is missing"
                : v.newer() + " " + v.arch() + ": " + v.prefix() + "_" + v.missing() + " allowed by " + v.older()
                        + " is missing";
        throw new PolicyFileException(source + ": " + what
                + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
    }

    private static PolicyFileException bad(String source, String policy, String what) {
        return new PolicyFileException(source + ": " + policy + ": " + what);
    }
}
