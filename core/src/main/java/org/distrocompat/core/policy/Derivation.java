package org.distrocompat.core.policy;

import java.util.List;
import java.util.Map;

/**
 * Why one derived policy is what it is: the releases in scope per arch, the bound of every arch x prefix with
 * the releases that bind it, the whitelist candidates left out (and who lacks them) and the reason for every
 * blacklisted symbol.
 */
public record Derivation(
        String policy,
        int glibcMinor,
        Map<String, List<String>> scope,
        Map<String, Map<String, Bound>> bounds,
        Map<String, List<String>> whitelistExcluded,
        Map<String, Integer> whitelistVerified,
        Map<String, Map<String, List<String>>> blacklistReasons,
        Map<String, List<String>> whitelistKept) {

    /**
     * One arch x prefix: the highest numeric version allowed ({@code max}, null if none), the next numeric
     * version some release in scope defines ({@code next}, null if none), the releases that lack {@code next}
     * ({@code binding}; empty when the bound is the glibc cap), a sentence saying so, how many releases in
     * scope cover the prefix, and for every version left out, who lacks it or why. {@code rule} names the rule
     * that filled the bound when the arch has no release at glibc 2.Y (null otherwise); {@code heldBack} lists the
     * binding releases that are end-of-life, rolling or in development on the calendar's date ("ubuntu-13.04
     * (eol)"), and {@code withoutHeldBack} the bound without them (null when none holds it back).
     */
    public record Bound(String prefix, String max, String next, List<String> binding, String reason,
            int contributors, Map<String, List<String>> excluded, String rule, List<String> heldBack,
            String withoutHeldBack) {

        public Bound(String prefix, String max, String next, List<String> binding, String reason, int contributors,
                Map<String, List<String>> excluded) {
            this(prefix, max, next, binding, reason, contributors, excluded, null, List.of(), null);
        }
    }

    /** A derivation without whitelist candidates kept by rule. */
    public Derivation(String policy, int glibcMinor, Map<String, List<String>> scope, Map<String, Map<String, Bound>> bounds,
            Map<String, List<String>> whitelistExcluded, Map<String, Integer> whitelistVerified,
            Map<String, Map<String, List<String>>> blacklistReasons) {
        this(policy, glibcMinor, scope, bounds, whitelistExcluded, whitelistVerified, blacklistReasons, Map.of());
    }

    /** The releases in scope on {@code arch} lacking {@code prefix_version}, or empty when unknown. */
    public List<String> lacking(String arch, String prefix, String version) {
        Map<String, Bound> byPrefix = bounds.get(arch);
        if (byPrefix == null || byPrefix.get(prefix) == null) {
            return List.of();
        }
        Bound b = byPrefix.get(prefix);
        if (b.contributors() == 0) {
            // nobody in scope records the prefix: the policy knows nothing, and every release in scope is why
            return scope.getOrDefault(arch, List.of()).stream().map(r -> r + " (records no " + prefix + ")").toList();
        }
        return b.excluded().getOrDefault(version, List.of());
    }
}
