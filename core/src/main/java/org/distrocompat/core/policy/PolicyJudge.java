package org.distrocompat.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.regex.Pattern;
import org.distrocompat.db.model.SymbolVersions;

/**
 * auditwheel's judgement of an input against the policies of one file: a policy is satisfied on an arch when, for
 * every prefix the policy lists there, the input's required version names of that prefix are all allowed, and every
 * system soname it needs is on the lib_whitelist (the dynamic loader and libpython excepted, as auditwheel does).
 * The best policy is the satisfied one of highest priority; {@code linux} always is. The blacklist is not judged
 * (yet): verdicts are those of the symbol versions and the whitelist. The official files ship inside the jar
 * ({@code /auditwheel/}, MIT, see the NOTICE there).
 */
public final class PolicyJudge {
    private static final Pattern IGNORED = Pattern.compile("ld-linux.*|ld64\\.so\\..*|ld\\.so\\.1|ld-musl-.*|libc\\.musl-.*"
            + "|libpython\\d.*\\.so.*|linux-vdso\\.so\\.1|linux-gate\\.so\\.1");

    private final String source;
    private final List<Policy> byPriority;

    /** Judges by {@code policies} (as loaded, so validated); {@code source} names the file in reports. */
    public PolicyJudge(String source, List<Policy> policies) {
        this.source = source;
        List<Policy> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparingInt(Policy::priority).reversed());
        this.byPriority = List.copyOf(sorted);
    }

    /** Loads and validates {@code file}: a {@link PolicyFileException} when it is not a usable policy file. */
    public static PolicyJudge read(Path file) {
        return new PolicyJudge(file.toString(), PolicyJson.read(file));
    }

    // holders: each bundled file is read on first use only (a musl-free check never reads the musllinux one)
    private static final class OfficialManylinux {
        static final PolicyJudge INSTANCE = resource("manylinux-policy.json");
    }

    private static final class OfficialMusllinux {
        static final PolicyJudge INSTANCE = resource("musllinux-policy.json");
    }

    /** auditwheel's official manylinux policy. */
    public static PolicyJudge officialManylinux() {
        return OfficialManylinux.INSTANCE;
    }

    /** auditwheel's official musllinux policy. */
    public static PolicyJudge officialMusllinux() {
        return OfficialMusllinux.INSTANCE;
    }

    private static PolicyJudge resource(String file) {
        try (InputStream in = PolicyJudge.class.getResourceAsStream("/auditwheel/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /auditwheel/" + file);
            }
            String source = "auditwheel " + file;
            return new PolicyJudge(source, PolicyJson.parse(in, source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource /auditwheel/" + file, e);
        } catch (PolicyFileException e) {
            // the bundled files are ours, not the user's: a bad one is a build fault
            throw new IllegalStateException("bundled policy is invalid: " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    /** The family of the file's PEP-named policies (manylinux or musllinux); manylinux when it has none. */
    public Policy.Family family() {
        return byPriority.stream().map(Policy::libcVersion).flatMap(Optional::stream)
                .map(Policy.LibcVersion::family).findFirst().orElse(Policy.Family.MANYLINUX);
    }

    /** Every policy, highest priority (oldest libc) first. */
    public List<Policy> policies() {
        return byPriority;
    }

    /** The policy named (or aliased) {@code name}, e.g. manylinux2014 or manylinux_2_17; null when none is. */
    public Policy byName(String name) {
        for (Policy p : byPriority) {
            if (p.name().equals(name) || p.aliases().contains(name)) {
                return p;
            }
        }
        return null;
    }

    private static boolean supports(Policy policy, String arch) {
        return policy.isLinux() || policy.symbolVersions().containsKey(arch);
    }

    /** Why {@code policy} is not satisfied on {@code arch}, or null when it is. */
    public static String violation(Policy policy, String arch, SortedMap<String, SortedSet<String>> requirements,
            boolean symbolsOnly) {
        if (!supports(policy, arch)) {
            return policy.name() + " is not defined for " + arch;
        }
        Map<String, List<String>> allowed = policy.symbolVersions().getOrDefault(arch, Map.of());
        for (var e : requirements.entrySet()) {
            for (String v : e.getValue()) {
                String prefix = SymbolVersions.prefix(v);
                List<String> ok = allowed.get(prefix);
                // a prefix the policy does not list is not restricted by it (auditwheel's rule)
                if (ok != null && !ok.contains(SymbolVersions.version(v))) {
                    String max = ok.stream().filter(SymbolVersions::isNumeric).max(SymbolVersions::compareNumeric)
                            .orElse(null);
                    return "needs " + v + " (" + e.getKey() + "); " + policy.name() + " allows "
                            + prefix + (max == null ? " none" : " up to " + max);
                }
            }
        }
        if (!symbolsOnly && !policy.isLinux()) {
            for (String soname : requirements.keySet()) {
                if (!IGNORED.matcher(soname).matches() && !policy.libWhitelist().contains(soname)) {
                    return "links " + soname + ", which " + policy.name() + " does not allow";
                }
            }
        }
        return null;
    }

    /** The highest-priority policy on {@code arch} that the requirements satisfy (at worst "linux"). */
    public Policy best(String arch, SortedMap<String, SortedSet<String>> requirements, boolean symbolsOnly) {
        for (Policy p : byPriority) {
            if (supports(p, arch) && violation(p, arch, requirements, symbolsOnly) == null) {
                return p;
            }
        }
        return null;
    }

    /** The best policy's platform tag on {@code arch}: manylinux_2_17_x86_64, or linux_aarch64 at worst. */
    public String bestTag(String arch, SortedMap<String, SortedSet<String>> requirements, boolean symbolsOnly) {
        Policy p = best(arch, requirements, symbolsOnly);
        return (p == null ? Policy.LINUX : p.name()) + "_" + arch;
    }

    /**
     * The policy that judges a PEP 600 tag manylinux_X_Y when the file has no entry for it (e.g. 2_33): the
     * nearest lower policy, additionally allowing every GLIBC_X.z with z &lt;= Y that the nearest higher policy
     * allows — a glibc X.Y system has those, and the file simply skipped Y. Null when no lower policy exists.
     */
    public Policy forGlibc(int major, int minor, String arch) {
        Policy lower = null;
        Policy higher = null;
        for (Policy p : byPriority) {
            Policy.LibcVersion v = p.libcVersion().orElse(null);
            if (v == null || v.family() != Policy.Family.MANYLINUX || v.major() != major || !supports(p, arch)) {
                continue;
            }
            if (v.minor() == minor) {
                return p;
            }
            if (v.minor() < minor && (lower == null || minorOf(lower) < v.minor())) {
                lower = p;
            }
            if (v.minor() > minor && (higher == null || minorOf(higher) > v.minor())) {
                higher = p;
            }
        }
        if (lower == null) {
            return null;
        }
        Map<String, List<String>> prefixes = new LinkedHashMap<>(lower.symbolVersions().get(arch));
        List<String> glibc = prefixes.get("GLIBC");
        if (higher != null && glibc != null) {
            List<String> grown = new ArrayList<>(glibc);
            for (String ver : higher.symbolVersions().get(arch).getOrDefault("GLIBC", List.of())) {
                if (SymbolVersions.isNumeric(ver) && SymbolVersions.compareNumeric(ver, major + "." + minor) <= 0
                        && !grown.contains(ver)) {
                    grown.add(ver);
                }
            }
            prefixes.put("GLIBC", grown);
        }
        return new Policy("manylinux_" + major + "_" + minor, List.of(), lower.priority(), Map.of(arch, prefixes),
                lower.libWhitelist(), lower.blacklist());
    }

    private static int minorOf(Policy p) {
        return p.libcVersion().orElseThrow().minor();
    }
}
