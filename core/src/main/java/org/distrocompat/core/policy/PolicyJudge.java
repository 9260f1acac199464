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
 * The policies of one auditwheel policy file, and the judgement of symbol versions and libraries against them: a
 * policy is satisfied on an arch when, for every prefix the policy lists there, the input's required version names
 * of that prefix are all allowed, and every system soname it needs is on the lib_whitelist (glibc's dynamic loader
 * excepted, as auditwheel does; on Android libpython too). musllinux whitelists name musl's libc {@code libc.so},
 * which auditwheel reads as Alpine's {@code libc.musl-ARCH.so.1}. The best policy is the satisfied one of highest
 * priority; {@code linux} always is. {@link PolicyAudit} adds auditwheel's other criteria (blacklist, PyFPE, UCS2,
 * ISA level). The official files ship inside the jar ({@code /auditwheel/}, MIT, see the NOTICE there).
 */
public final class PolicyJudge {
    /** What auditwheel never counts as an external library: glibc's dynamic loader. */
    private static final Pattern LOADER = Pattern.compile("ld-linux.*|ld64\\.so\\.[12]");
    /** libpython, which manylinux and musllinux forbid and Android expects (auditwheel's LIBPYTHON_RE). */
    static final Pattern LIBPYTHON = Pattern.compile("libpython\\d+\\.\\d+m?\\.so(\\.\\d)*");
    private static final Map<String, String> MUSL_LIBC = Map.of("x86_64", "x86_64", "i686", "x86", "aarch64", "aarch64",
            "s390x", "s390x", "ppc64le", "ppc64le", "armv7l", "armv7", "riscv64", "riscv64",
            "loongarch64", "loongarch64");

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

    private static final class OfficialAndroid {
        static final PolicyJudge INSTANCE = resource("android-policy.json");
    }

    /** auditwheel's official manylinux policy. */
    public static PolicyJudge officialManylinux() {
        return OfficialManylinux.INSTANCE;
    }

    /** auditwheel's official musllinux policy. */
    public static PolicyJudge officialMusllinux() {
        return OfficialMusllinux.INSTANCE;
    }

    /** auditwheel's official Android policy (one policy per API level whose libraries changed). */
    public static PolicyJudge officialAndroid() {
        return OfficialAndroid.INSTANCE;
    }

    /**
     * {@code linux} and the policy of the newest libc (lowest priority besides linux) only: how auditwheel judges a
     * musl binary when it cannot ask a host musl for its version.
     */
    public PolicyJudge newestOnly() {
        List<Policy> two = new ArrayList<>();
        byPriority.stream().filter(p -> !p.isLinux()).reduce((a, b) -> b).ifPresent(two::add);
        byPriority.stream().filter(Policy::isLinux).forEach(two::add);
        return new PolicyJudge(source, two);
    }

    /**
     * For an Android wheel tagged {@code android_LEVEL_ARCH}: {@code linux} and the policy of the highest API level
     * not above LEVEL, named by the tag's {@code android_LEVEL} (auditwheel keeps the wheel's level); null when no
     * policy is that old.
     */
    public PolicyJudge forAndroidLevel(int level) {
        Policy best = null;
        for (Policy p : byPriority) {
            int l = androidLevel(p.name());
            if (l > 0 && l <= level && (best == null || l > androidLevel(best.name()))) {
                best = p;
            }
        }
        if (best == null) {
            return null;
        }
        Policy renamed = new Policy("android_" + level, List.of(), best.priority(), best.symbolVersions(),
                best.libWhitelist(), best.blacklist());
        return new PolicyJudge(source, List.of(renamed, Policy.linux()));
    }

    /** The API level of a policy or tag named android_LEVEL[_ARCH], or 0. */
    public static int androidLevel(String name) {
        if (!name.startsWith("android_")) {
            return 0;
        }
        String rest = name.substring("android_".length());
        int end = rest.indexOf('_') < 0 ? rest.length() : rest.indexOf('_');
        try {
            return Integer.parseInt(rest.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The policies by falling priority ({@code linux} last). */
    public List<Policy> byPriority() {
        return byPriority;
    }

    /**
     * A policy's platform tag on {@code arch}: manylinux_2_17_x86_64, musllinux_1_2_aarch64, linux_armv7l;
     * Android tags name their architectures as Android does (android_24_arm64_v8a).
     */
    public static String tag(Policy policy, String arch) {
        if (policy.name().startsWith("android_")) {
            return policy.name() + "_" + switch (arch) {
                case "aarch64" -> "arm64_v8a";
                case "armv7l" -> "armeabi_v7a";
                case "i686" -> "x86";
                default -> arch;
            };
        }
        return policy.name() + "_" + arch;
    }

    /**
     * A bundled policy file: its compiled form when the build wrote one ({@link PolicyCompiler}, validated there),
     * else the JSON, read without validation (the tests validate the bundled files; validating on every check would
     * cost every check's start-up).
     */
    private static PolicyJudge resource(String file) {
        String source = "auditwheel " + file;
        try (InputStream bin = PolicyJudge.class.getResourceAsStream("/auditwheel/" + file + ".bin")) {
            if (bin != null) {
                return new PolicyJudge(source, PolicyBinary.decode(bin));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource /auditwheel/" + file + ".bin", e);
        }
        try (InputStream in = PolicyJudge.class.getResourceAsStream("/auditwheel/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /auditwheel/" + file);
            }
            return new PolicyJudge(source, PolicyReader.read(in, source));
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

    static boolean supports(Policy policy, String arch) {
        return policy.isLinux() || policy.symbolVersions().containsKey(arch);
    }

    /** Why {@code policy} is not satisfied on {@code arch}, or null when it is. */
    public static String violation(Policy policy, String arch, SortedMap<String, SortedSet<String>> requirements,
            boolean symbolsOnly) {
        if (!supports(policy, arch)) {
            return policy.name() + " is not defined for " + arch;
        }
        Disallowed d = firstDisallowedVersion(policy, arch, requirements);
        if (d != null) {
            return d.describe(policy);
        }
        if (!symbolsOnly) {
            List<String> libs = externalLibraries(policy, arch, requirements.keySet());
            if (!libs.isEmpty()) {
                return "links " + libs.get(0) + ", which " + policy.name() + " does not allow";
            }
        }
        return null;
    }

    /** A required version name a policy does not allow, with the soname it is required of and the allowed max. */
    record Disallowed(String soname, String version, String allowedMax) {
        String describe(Policy policy) {
            return "needs " + version + " (" + soname + "); " + policy.name() + " allows "
                    + SymbolVersions.prefix(version) + (allowedMax == null ? " none" : " up to " + allowedMax);
        }
    }

    /**
     * The first required version a policy does not allow on {@code arch}, or null. A prefix the policy does not
     * list is not restricted by it (auditwheel's rule); requirements of glibc's dynamic loader are not judged.
     */
    static Disallowed firstDisallowedVersion(Policy policy, String arch,
            SortedMap<String, SortedSet<String>> versions) {
        Map<String, List<String>> allowed = policy.symbolVersions().getOrDefault(arch, Map.of());
        for (var e : versions.entrySet()) {
            if (LOADER.matcher(e.getKey()).matches()) {
                continue;
            }
            for (String v : e.getValue()) {
                List<String> ok = allowed.get(SymbolVersions.prefix(v));
                if (ok != null && !ok.contains(SymbolVersions.version(v))) {
                    return new Disallowed(e.getKey(), v, ok.stream().filter(SymbolVersions::isNumeric)
                            .max(SymbolVersions::compareNumeric).orElse(null));
                }
            }
        }
        return null;
    }

    /**
     * The system sonames a policy does not allow (auditwheel's external libraries), in {@code sonames}' order:
     * none for {@code linux}; glibc's loader never; libpython on Android never; musl's libc by the whitelist's
     * {@code libc.so}.
     */
    static List<String> externalLibraries(Policy policy, String arch, Iterable<String> sonames) {
        if (policy.isLinux()) {
            return List.of();
        }
        boolean musl = policy.name().startsWith("musllinux");
        boolean android = policy.name().startsWith("android");
        List<String> out = new ArrayList<>();
        for (String soname : sonames) {
            if (LOADER.matcher(soname).matches() || android && LIBPYTHON.matcher(soname).matches()) {
                continue;
            }
            String listed = musl && soname.equals("libc.musl-" + MUSL_LIBC.getOrDefault(arch, arch) + ".so.1")
                    ? "libc.so" : soname;
            if (!policy.libWhitelist().contains(listed)) {
                out.add(soname);
            }
        }
        return out;
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
        return p == null ? Policy.LINUX + "_" + arch : tag(p, arch);
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
