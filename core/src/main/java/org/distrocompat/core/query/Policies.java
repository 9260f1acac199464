package org.distrocompat.core.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.distrocompat.db.model.SymbolVersions;

/**
 * A set of platform policies in auditwheel's {@code manylinux-policy.json} format, and auditwheel's judgement of
 * an input against them: a policy is satisfied when, for every prefix the policy lists on the arch, the
 * required names of that prefix are all allowed, and every system soname needed is on its lib_whitelist (the
 * dynamic loader and libpython excepted, as auditwheel does). The official files ship inside the jar
 * ({@code /auditwheel/}, MIT, see the NOTICE there); {@link #read(Path)} loads any file of the same format
 * (the project's derived policy, a newer auditwheel release).
 */
public final class Policies {
    private static final Pattern IGNORED = Pattern.compile("ld-linux.*|ld64\\.so\\..*|ld\\.so\\.1|ld-musl-.*|libc\\.musl-.*"
            + "|libpython\\d.*\\.so.*|linux-vdso\\.so\\.1|linux-gate\\.so\\.1");

    private final String source;
    private final List<PlatformPolicy> policies;

    public Policies(String source, List<PlatformPolicy> policies) {
        this.source = source;
        List<PlatformPolicy> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparingInt(PlatformPolicy::priority).reversed());
        this.policies = List.copyOf(sorted);
    }

    private static volatile Policies manylinux;
    private static volatile Policies musllinux;

    /** auditwheel's official manylinux policy. */
    public static Policies officialManylinux() {
        if (manylinux == null) {
            manylinux = resource("/auditwheel/manylinux-policy.json");
        }
        return manylinux;
    }

    /** auditwheel's official musllinux policy. */
    public static Policies officialMusllinux() {
        if (musllinux == null) {
            musllinux = resource("/auditwheel/musllinux-policy.json");
        }
        return musllinux;
    }

    private static Policies resource(String name) {
        try (InputStream in = Policies.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return parse("auditwheel " + name.substring(name.lastIndexOf('/') + 1), in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Reads an auditwheel-format policy file; a malformed one is an IOException with the reason. */
    public static Policies read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        }
    }

    // jackson-core's streaming parser: a policy file is read in milliseconds, without databind's start-up cost
    private static final JsonFactory JSON = new JsonFactory();

    static Policies parse(String source, InputStream in) throws IOException {
        Object root;
        try (JsonParser p = JSON.createParser(in)) {
            p.nextToken();
            root = value(p);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not a JSON policy file: " + e.getOriginalMessage());
        }
        if (!(root instanceof List<?> array)) {
            throw new IOException("a policy file is a JSON array of policies");
        }
        List<PlatformPolicy> list = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof Map<?, ?> p) || !(p.get("name") instanceof String name)
                    || !(p.get("priority") instanceof Number priority)) {
                throw new IOException("policy without name or priority");
            }
            List<String> aliases = new ArrayList<>();
            if (p.get("aliases") instanceof List<?> l) {
                l.forEach(a -> aliases.add(String.valueOf(a)));
            }
            Map<String, Map<String, Set<String>>> sv = new LinkedHashMap<>();
            if (p.get("symbol_versions") instanceof Map<?, ?> byArch) {
                for (var archEntry : byArch.entrySet()) {
                    Map<String, Set<String>> prefixes = new LinkedHashMap<>();
                    if (archEntry.getValue() instanceof Map<?, ?> byPrefix) {
                        for (var pe : byPrefix.entrySet()) {
                            Set<String> names = new HashSet<>();
                            if (pe.getValue() instanceof List<?> versions) {
                                versions.forEach(v -> names.add(pe.getKey() + "_" + v));
                            }
                            prefixes.put(String.valueOf(pe.getKey()), names);
                        }
                    }
                    sv.put(String.valueOf(archEntry.getKey()), prefixes);
                }
            }
            Set<String> wl = new HashSet<>();
            if (p.get("lib_whitelist") instanceof List<?> l) {
                l.forEach(x -> wl.add(String.valueOf(x)));
            }
            list.add(new PlatformPolicy(name, aliases, priority.intValue(), sv, wl));
        }
        return new Policies(source, list);
    }

    /** The value at the parser's current token: maps, lists, strings, numbers, booleans, null. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("empty policy file");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    if (k.equals("blacklist")) {
                        p.skipChildren(); // symbol blacklists are not part of a check's judgement
                        continue;
                    }
                    m.put(k, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    public String source() {
        return source;
    }

    public List<PlatformPolicy> all() {
        return policies;
    }

    /** The policy named (or aliased) {@code name}, e.g. manylinux2014 or manylinux_2_17. */
    public PlatformPolicy byName(String name) {
        for (PlatformPolicy p : policies) {
            if (p.name().equals(name) || p.aliases().contains(name)) {
                return p;
            }
        }
        return null;
    }

    /** Why {@code policy} is not satisfied on {@code arch}, or null when it is. */
    public static String violation(PlatformPolicy policy, String arch,
            SortedMap<String, SortedSet<String>> requirements, boolean symbolsOnly) {
        if (!policy.supports(arch)) {
            return policy.name() + " is not defined for " + arch;
        }
        Map<String, Set<String>> allowed = policy.symbolVersions().getOrDefault(arch, Map.of());
        for (var e : requirements.entrySet()) {
            for (String v : e.getValue()) {
                Set<String> ok = allowed.get(SymbolVersions.prefix(v));
                if (ok != null && !ok.contains(v)) {
                    String max = ok.stream().map(SymbolVersions::version).filter(SymbolVersions::isNumeric)
                            .max(SymbolVersions::compareNumeric).orElse(null);
                    return "needs " + v + " (" + e.getKey() + "); " + policy.name() + " allows "
                            + SymbolVersions.prefix(v) + (max == null ? " none" : " up to " + max);
                }
            }
        }
        if (!symbolsOnly && !policy.name().equals("linux")) {
            for (String soname : requirements.keySet()) {
                if (!IGNORED.matcher(soname).matches() && !policy.libWhitelist().contains(soname)) {
                    return "links " + soname + ", which " + policy.name() + " does not allow";
                }
            }
        }
        return null;
    }

    /** The highest-priority policy on {@code arch} that the requirements satisfy (at worst "linux"). */
    public PlatformPolicy best(String arch, SortedMap<String, SortedSet<String>> requirements, boolean symbolsOnly) {
        for (PlatformPolicy p : policies) {
            if (p.supports(arch) && violation(p, arch, requirements, symbolsOnly) == null) {
                return p;
            }
        }
        return null;
    }

    /** The systemwide "linux" fallback tag when nothing better applies. */
    public String bestTag(String arch, SortedMap<String, SortedSet<String>> requirements, boolean symbolsOnly) {
        PlatformPolicy p = best(arch, requirements, symbolsOnly);
        return p == null ? "linux_" + arch : p.tag(arch);
    }

    /**
     * The policy that judges a PEP 600 tag manylinux_2_Y when the file has no entry for Y (e.g. 2_33): the
     * nearest lower policy, additionally allowing every GLIBC_2.x with x &lt;= Y that the nearest higher policy
     * allows. Null when no lower policy exists.
     */
    public PlatformPolicy forGlibc(int major, int minor, String arch) {
        PlatformPolicy lower = null;
        PlatformPolicy higher = null;
        for (PlatformPolicy p : policies) {
            int[] v = p.libcVersion();
            if (v == null || v[0] != major || !p.supports(arch)) {
                continue;
            }
            if (v[1] == minor) {
                return p;
            }
            if (v[1] < minor && (lower == null || lower.libcVersion()[1] < v[1])) {
                lower = p;
            }
            if (v[1] > minor && (higher == null || higher.libcVersion()[1] > v[1])) {
                higher = p;
            }
        }
        if (lower == null) {
            return null;
        }
        Map<String, Map<String, Set<String>>> sv = new TreeMap<>();
        Map<String, Set<String>> prefixes = new TreeMap<>();
        lower.symbolVersions().get(arch).forEach((k, v) -> prefixes.put(k, new HashSet<>(v)));
        if (higher != null && prefixes.containsKey("GLIBC")) {
            for (String n : higher.symbolVersions().get(arch).getOrDefault("GLIBC", Set.of())) {
                String ver = SymbolVersions.version(n);
                if (SymbolVersions.isNumeric(ver) && SymbolVersions.compareNumeric(ver, major + "." + minor) <= 0) {
                    prefixes.get("GLIBC").add(n);
                }
            }
        }
        sv.put(arch, prefixes);
        return new PlatformPolicy("manylinux_" + major + "_" + minor, List.of(), lower.priority(), sv,
                lower.libWhitelist());
    }
}
