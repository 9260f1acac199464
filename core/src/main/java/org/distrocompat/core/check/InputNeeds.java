package org.distrocompat.core.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distrocompat.crawler.archive.ArchivePath;
import org.distrocompat.elf.DynamicSymbol;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.VersionNeed;
import org.distrocompat.db.model.SymbolVersions;

/**
 * What an input needs from the system it runs on, for one architecture: every needed soname the input does
 * not ship where the loader would find it, with the version names required from it ({@code .gnu.version_r}),
 * the libc flavour, and the undefined unversioned symbols. A library shipped in the input satisfies a need when
 * the loader would find it through the needing file's DT_RUNPATH (or, without one, DT_RPATH) with
 * {@code $ORIGIN} — as in auditwheel-repaired wheels ({@code <pkg>.libs/}); a shipped library the loader would
 * not find is reported and stays a system need.
 *
 * @param arch               the architecture analysed (null when the input has no ELF files)
 * @param arches             every architecture of the input's ELF files, sorted
 * @param libc               "glibc", "musl", or null when no ELF file needs a libc
 * @param elfPaths           the analysed ELF files (of {@code arch}) in input order
 * @param requirements       system soname -> required version names, sorted (empty set: needed, unversioned)
 * @param shipped            needs met by a library shipped in the input
 * @param unreachableShipped needs for which the input ships a library that the loader would not find
 * @param unversionedRefs    undefined, non-weak, unversioned symbols no shipped library defines, sorted by name,
 *                           each with the first file that refers to it
 * @param versionedSymbols   as auditwheel's {@code versioned_symbols}: every soname -> the version names the ELF files
 *                           require of it, shipped libraries included, the dynamic loader's left out
 * @param symbolRefs         soname -> version name -> the undefined symbols bound to it, with their files, in input
 *                           order: the symbols behind each requirement
 * @param requiredBy         soname -> version name -> the files whose {@code .gnu.version_r} requires it (a file may
 *                           require a version no symbol of it refers to)
 */
public record InputNeeds(String arch, List<String> arches, String libc, List<String> elfPaths,
        SortedMap<String, SortedSet<String>> requirements, List<ShippedNeed> shipped,
        List<ShippedNeed> unreachableShipped, List<SymbolRef> unversionedRefs,
        SortedMap<String, SortedSet<String>> versionedSymbols, Map<String, Map<String, List<SymbolRef>>> symbolRefs,
        Map<String, Map<String, List<String>>> requiredBy) {

    /** A need of {@code neededBy} for {@code soname}, met (or not found) at {@code path} in the input. */
    public record ShippedNeed(String neededBy, String soname, String path) {
    }

    /** The undefined, non-weak, unversioned symbols' names, sorted. */
    public List<String> unversionedSymbols() {
        return unversionedRefs.stream().map(SymbolRef::name).toList();
    }

    /** The symbols that require {@code version} of {@code soname} (empty when none refers to it by name). */
    public List<SymbolRef> symbolsFor(String soname, String version) {
        return symbolRefs.getOrDefault(soname, Map.of()).getOrDefault(version, List.of());
    }

    /** Version names in a stable reading order: by prefix, then numerically, then non-numeric names. */
    public static final Comparator<String> NAME_ORDER = Comparator.comparing(SymbolVersions::prefix)
            .thenComparing(SymbolVersions::version, SymbolVersions.VERSION_ORDER);

    /**
     * Analyses the ELF files of {@code wantedArch}, or (null) of the input's main architecture, whatever their
     * platform: the needs of a single-platform input. {@link #of(InputContents, Platform, List)} is the one per
     * platform.
     */
    public static InputNeeds of(InputContents contents, String wantedArch) {
        Map<String, Integer> archCount = new TreeMap<>();
        for (InputContents.ElfMember m : contents.elfFiles()) {
            archCount.merge(m.elf().machineName(), 1, Integer::sum);
        }
        String arch = wantedArch;
        if (arch == null && !archCount.isEmpty()) {
            // several architectures (e.g. a jar with natives for each): x86_64 if present, else the most common
            arch = archCount.containsKey("x86_64") ? "x86_64"
                    : archCount.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        }
        final String chosen = arch;
        List<InputContents.ElfMember> elfs = contents.elfFiles().stream()
                .filter(m -> m.elf().machineName().equals(chosen)).toList();
        return of(contents, chosen, null, elfs);
    }

    /** Analyses {@code members}, the ELF files of one platform of the input. */
    public static InputNeeds of(InputContents contents, Platform platform, List<InputContents.ElfMember> members) {
        return of(contents, platform.arch(), platform.libc(), members);
    }

    private static InputNeeds of(InputContents contents, String arch, String platformLibc,
            List<InputContents.ElfMember> elfs) {
        List<String> arches = contents.elfFiles().stream().map(m -> m.elf().machineName()).distinct().sorted()
                .toList();

        // where each path of the input leads: regular ELF members by path, links followed inside the input
        Map<String, InputContents.ElfMember> byPath = new HashMap<>();
        for (InputContents.ElfMember m : elfs) {
            byPath.put(m.path(), m);
        }
        Set<String> definedByShipped = new HashSet<>();
        for (InputContents.ElfMember m : elfs) {
            for (DynamicSymbol s : m.elf().symbols()) {
                if (s.defined()) {
                    definedByShipped.add(s.name());
                }
            }
        }

        // 1. what each file's own DT_RUNPATH / DT_RPATH finds in the input
        Map<String, Map<String, String>> found = new HashMap<>(); // needing path -> soname -> path in the input
        Map<String, List<InputContents.ElfMember>> loadedBy = new HashMap<>(); // member path -> who loads it
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> versionsOf = new HashMap<>();
        for (InputContents.ElfMember m : elfs) {
            Map<String, List<String>> versions = new HashMap<>();
            for (VersionNeed n : m.elf().requirements()) {
                versions.computeIfAbsent(n.file(), k -> new ArrayList<>()).addAll(n.versionNames());
            }
            versionsOf.put(m.path(), versions);
            Set<String> needed = new LinkedHashSet<>(m.elf().needed());
            needed.addAll(versions.keySet());
            needs.put(m.path(), needed);
            for (String soname : needed) {
                String at = resolve(m.path(), m.elf(), soname, byPath, contents.links());
                if (at != null) {
                    found.computeIfAbsent(m.path(), k -> new HashMap<>()).put(soname, at);
                    loadedBy.computeIfAbsent(follow(at, contents.links()), k -> new ArrayList<>()).add(m);
                }
            }
        }
        // 2. the loader also searches the DT_RPATH of the objects that loaded a file (up to the executable), as
        //    long as neither that file nor the loading object has a DT_RUNPATH
        for (boolean changed = true; changed; ) {
            changed = false;
            for (var e : needs.entrySet()) {
                InputContents.ElfMember m = byPath.get(e.getKey());
                if (!m.elf().runpath().isEmpty()) {
                    continue;
                }
                for (String soname : e.getValue()) {
                    if (found.getOrDefault(m.path(), Map.of()).containsKey(soname)) {
                        continue;
                    }
                    String at = resolveThroughLoaders(m, soname, loadedBy, byPath, contents.links());
                    if (at != null) {
                        found.computeIfAbsent(m.path(), k -> new HashMap<>()).put(soname, at);
                        loadedBy.computeIfAbsent(follow(at, contents.links()), k -> new ArrayList<>()).add(m);
                        changed = true;
                    }
                }
            }
        }

        SortedMap<String, SortedSet<String>> req = new TreeMap<>();
        SortedMap<String, SortedSet<String>> versioned = new TreeMap<>();
        Map<String, Map<String, List<SymbolRef>>> refs = new HashMap<>();
        Map<String, Map<String, List<String>>> requiredBy = new HashMap<>();
        List<ShippedNeed> shipped = new ArrayList<>();
        List<ShippedNeed> unreachable = new ArrayList<>();
        boolean musl = false;
        boolean needsLibc = false;
        Map<String, String> unversioned = new TreeMap<>();
        for (var e : needs.entrySet()) {
            InputContents.ElfMember m = byPath.get(e.getKey());
            ElfFile elf = m.elf();
            musl |= elf.isMusl();
            versionsOf.get(m.path()).forEach((soname, versions) -> {
                if (!isLoader(soname)) {
                    versioned.computeIfAbsent(soname, k -> new TreeSet<>(NAME_ORDER)).addAll(versions);
                }
                for (String v : versions) {
                    requiredBy.computeIfAbsent(soname, k -> new HashMap<>()).computeIfAbsent(v, k -> new ArrayList<>())
                            .add(m.path());
                }
            });
            for (String soname : e.getValue()) {
                if (soname.startsWith("libc.musl-") || soname.startsWith("ld-musl-")) {
                    musl = true;
                }
                if (soname.equals("libc.so.6") || soname.startsWith("libc.musl-") || soname.equals("libc.so")) {
                    needsLibc = true;
                }
                String at = found.getOrDefault(m.path(), Map.of()).get(soname);
                if (at != null) {
                    shipped.add(new ShippedNeed(m.path(), soname, at));
                    continue;
                }
                String elsewhere = shippedElsewhere(soname, elfs, contents.links());
                if (elsewhere != null && !elsewhere.equals(m.path())) {
                    unreachable.add(new ShippedNeed(m.path(), soname, elsewhere));
                }
                SortedSet<String> set = req.computeIfAbsent(soname, k -> new TreeSet<>(NAME_ORDER));
                set.addAll(versionsOf.get(m.path()).getOrDefault(soname, List.of()));
            }
            for (DynamicSymbol s : elf.symbols()) {
                if (s.defined() || s.name().isEmpty()) {
                    continue;
                }
                if (s.library() != null) {
                    refs.computeIfAbsent(s.library(), k -> new HashMap<>())
                            .computeIfAbsent(s.version(), k -> new ArrayList<>()).add(new SymbolRef(m.path(), s.name()));
                } else if (s.version() == null && !"WEAK".equals(s.binding()) && !definedByShipped.contains(s.name())) {
                    unversioned.putIfAbsent(s.name(), m.path());
                }
            }
        }
        String libc = platformLibc != null ? platformLibc : musl ? "musl" : needsLibc || !req.isEmpty() ? "glibc" : null;
        List<SymbolRef> unversionedRefs = new ArrayList<>(unversioned.size());
        unversioned.forEach((name, file) -> unversionedRefs.add(new SymbolRef(file, name)));
        return new InputNeeds(arch, arches, libc, elfs.stream().map(InputContents.ElfMember::path).toList(), req,
                shipped, unreachable, unversionedRefs, versioned, refs, requiredBy);
    }

    /** glibc's dynamic loader, which auditwheel leaves out of the versioned symbols it judges. */
    public static boolean isLoader(String soname) {
        return soname.startsWith("ld-linux") || soname.equals("ld64.so.1") || soname.equals("ld64.so.2");
    }

    /** The path in the input where the loader finds {@code soname} for the file at {@code path}, or null. */
    static String resolve(String path, ElfFile elf, String soname, Map<String, InputContents.ElfMember> byPath,
            Map<String, String> links) {
        if (soname.contains("/")) {
            return null;
        }
        List<String> dirs = elf.runpath().isEmpty() ? elf.rpath() : elf.runpath();
        String container = path.contains("!/") ? path.substring(0, path.lastIndexOf("!/") + 2) : "";
        String inner = path.substring(container.length());
        String origin = inner.contains("/") ? inner.substring(0, inner.lastIndexOf('/')) : "";
        for (String d : dirs) {
            if (!d.startsWith("$ORIGIN") && !d.startsWith("${ORIGIN}")) {
                continue; // absolute or relative-to-cwd directories are outside the input
            }
            String rest = d.startsWith("$ORIGIN") ? d.substring("$ORIGIN".length()) : d.substring("${ORIGIN}".length());
            if (!rest.isEmpty() && !rest.startsWith("/")) {
                continue;
            }
            Optional<String> candidate = ArchivePath.normalize(origin + rest + "/" + soname);
            if (candidate.isEmpty()) {
                continue; // $ORIGIN/.. past the input's root: outside the input
            }
            String target = follow(container + candidate.get(), links);
            if (target != null && byPath.containsKey(target)) {
                return container + candidate.get();
            }
        }
        return null;
    }

    /** {@code soname} through the DT_RPATH of the objects that load {@code m}, transitively; or null. */
    private static String resolveThroughLoaders(InputContents.ElfMember m, String soname,
            Map<String, List<InputContents.ElfMember>> loadedBy, Map<String, InputContents.ElfMember> byPath,
            Map<String, String> links) {
        ArrayDeque<InputContents.ElfMember> queue = new ArrayDeque<>(loadedBy.getOrDefault(m.path(), List.of()));
        Set<String> seen = new HashSet<>();
        seen.add(m.path());
        while (!queue.isEmpty()) {
            InputContents.ElfMember loader = queue.poll();
            if (!seen.add(loader.path())) {
                continue;
            }
            if (loader.elf().runpath().isEmpty() && !loader.elf().rpath().isEmpty()) {
                String at = resolve(loader.path(), loader.elf(), soname, byPath, links);
                if (at != null) {
                    return at;
                }
            }
            queue.addAll(loadedBy.getOrDefault(loader.path(), List.of()));
        }
        return null;
    }

    private static String follow(String p, Map<String, String> links) {
        for (int i = 0; i < 40 && p != null; i++) {
            String next = links.get(p);
            if (next == null) {
                return p;
            }
            p = next;
        }
        return null; // a loop
    }

    /** A member of the input named {@code soname} (by file name, link name or DT_SONAME), or null. */
    private static String shippedElsewhere(String soname, List<InputContents.ElfMember> elfs, Map<String, String> links) {
        for (InputContents.ElfMember m : elfs) {
            String base = m.path().substring(m.path().lastIndexOf('/') + 1);
            if (base.equals(soname) || soname.equals(m.elf().soname())) {
                return m.path();
            }
        }
        for (String l : links.keySet()) {
            if (l.substring(l.lastIndexOf('/') + 1).equals(soname)) {
                return l;
            }
        }
        return null;
    }
}
