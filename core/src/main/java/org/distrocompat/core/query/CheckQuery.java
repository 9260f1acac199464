package org.distrocompat.core.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.SymbolRef;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * The check's query: an input's system needs against every stored release x arch. A need (soname, version
 * name) is met only when a library with that soname defines exactly that name on the cell — names, not
 * numbers. A needed soname that no stored cell of the architecture provides is outside the crawled base
 * system: it is reported by {@link #notInBaseSystem} and does not decide any cell's verdict. A soname that
 * cells of the same provenance provide but this cell lacks is missing there; one that only cells of the other
 * provenance know (libz.so.1 in imported records when the crawl reads only glibc, libstdc++ and libgcc) is
 * listed as not covered by this cell's data. Built once per
 * snapshot, indexing the cells of an arch and libc on first use; {@link #verdicts} is cheap and thread-safe.
 */
public final class CheckQuery {

    /**
     * A need a release x arch does not meet: {@code version} of {@code soname}, or with {@code version} null the
     * soname itself (no symbols) or, for a judgement by symbol names (musl), the listed symbols. {@code symbols}
     * are the first {@link #NAMED_SYMBOLS} symbols behind the need, {@code symbolCount} all of them.
     */
    public record Missing(String soname, String version, List<SymbolRef> symbols, int symbolCount) {
        public Missing {
            symbols = List.copyOf(symbols);
        }

        public Missing(String soname, String version) {
            this(soname, version, List.of(), 0);
        }
    }

    /** How many symbols a release's missing need names (the rest are counted; {@code check --why} lists all). */
    public static final int NAMED_SYMBOLS = 3;

    /**
     * The verdict on one release x arch. {@code notCovered}: needed base sonames this cell's data says nothing
     * about (a crawl that did not read zlib1g cannot tell whether libz.so.1 is there); they are listed, not judged.
     * {@code missingSymbols}: on musl releases, the libc symbols the input needs and the release's musl lacks
     * ({@link MuslSymbols}).
     */
    public record Verdict(SnapshotCell cell, boolean compatible, List<Missing> missing, List<String> notCovered,
            List<MuslSymbols.Missing> missingSymbols) {
        public Verdict {
            missing = List.copyOf(missing);
            notCovered = List.copyOf(notCovered);
            missingSymbols = missingSymbols == null ? List.of() : List.copyOf(missingSymbols);
        }

        /** A verdict by symbol versions alone. */
        public Verdict(SnapshotCell cell, boolean compatible, List<Missing> missing, List<String> notCovered) {
            this(cell, compatible, missing, notCovered, List.of());
        }
    }

    /** A cell with its sonames' definitions and the sonames its provenance covers on its arch (see the class). */
    private record Indexed(SnapshotCell cell, Map<String, Set<String>> bySoname, Set<String> covered) {
    }

    /** The cells of one arch and libc with their definitions by soname, and what the cells of each provenance cover. */
    private record Index(List<Indexed> cells, Set<String> baseSonames) {
        static Index of(List<SnapshotCell> cells) {
            List<Map<String, Set<String>>> indices = new ArrayList<>(cells.size());
            Set<String> base = new HashSet<>();
            Map<String, Set<String>> coverage = new HashMap<>();
            for (SnapshotCell c : cells) {
                Map<String, Set<String>> idx = c.definitionsBySoname();
                indices.add(idx);
                base.addAll(idx.keySet());
                coverage.computeIfAbsent(c.provenance().dbName(), k -> new HashSet<>()).addAll(idx.keySet());
            }
            // built once here, so that a query does no string work per cell
            List<Indexed> list = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                SnapshotCell c = cells.get(i);
                list.add(new Indexed(c, indices.get(i), coverage.get(c.provenance().dbName())));
            }
            return new Index(list, base);
        }
    }

    private final Map<String, List<SnapshotCell>> cellsByKey = new HashMap<>();
    /** Built on first use per arch and libc: a check of one x86_64 wheel indexes the x86_64 cells only. */
    private final Map<String, Index> indexes = new ConcurrentHashMap<>();

    public CheckQuery(List<SnapshotCell> cells) {
        for (SnapshotCell c : cells) {
            cellsByKey.computeIfAbsent(key(c.arch().wheelName(), c.libc().dbName()), k -> new ArrayList<>()).add(c);
        }
    }

    private Index index(String key) {
        return indexes.computeIfAbsent(key, k -> Index.of(cellsByKey.getOrDefault(k, List.of())));
    }

    private static String key(String arch, String libc) {
        return arch + "/" + (libc == null || libc.isEmpty() ? "glibc" : libc);
    }

    /** Sonames of the requirements that no stored cell of this arch and libc provides. */
    public List<String> notInBaseSystem(String arch, String libc, SortedMap<String, SortedSet<String>> requirements) {
        Set<String> base = index(key(arch, libc)).baseSonames();
        List<String> out = new ArrayList<>();
        for (String s : requirements.keySet()) {
            if (!base.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether any release of this architecture (a wheel name, or another machine name) is stored. */
    public boolean hasArch(String arch) {
        return cellsByKey.keySet().stream().anyMatch(k -> k.startsWith(arch + "/"));
    }

    /**
     * One verdict per stored cell of the needs' arch and {@code libc} flavour, in snapshot order, each missing
     * need with the symbols that require it.
     */
    public List<Verdict> verdicts(InputNeeds needs, String libc) {
        List<Verdict> plain = verdicts(needs.arch(), libc, needs.requirements());
        List<Verdict> out = new ArrayList<>(plain.size());
        Map<Missing, Missing> named = new HashMap<>();
        for (Verdict v : plain) {
            if (v.missing().isEmpty()) {
                out.add(v);
                continue;
            }
            List<Missing> missing = new ArrayList<>(v.missing().size());
            for (Missing m : v.missing()) {
                missing.add(named.computeIfAbsent(m, k -> {
                    if (k.version() == null) {
                        return k;
                    }
                    List<SymbolRef> refs = needs.symbolsFor(k.soname(), k.version());
                    return new Missing(k.soname(), k.version(), refs.subList(0, Math.min(NAMED_SYMBOLS, refs.size())),
                            refs.size());
                }));
            }
            out.add(new Verdict(v.cell(), false, missing, v.notCovered()));
        }
        return out;
    }

    /** One verdict per stored cell of {@code arch} and {@code libc} flavour, in snapshot order. */
    public List<Verdict> verdicts(String arch, String libc, SortedMap<String, SortedSet<String>> requirements) {
        Index index = index(key(arch, libc == null ? "glibc" : libc));
        Set<String> base = index.baseSonames();
        // the needs that decide verdicts: those on base sonames, flattened once for every cell
        List<String> sonames = new ArrayList<>();
        List<String[]> versions = new ArrayList<>();
        for (var e : requirements.entrySet()) {
            if (base.contains(e.getKey())) {
                sonames.add(e.getKey());
                versions.add(e.getValue().toArray(String[]::new));
            }
        }
        List<Indexed> candidates = index.cells();
        List<Verdict> out = new ArrayList<>(candidates.size());
        for (Indexed ic : candidates) {
            List<Missing> missing = null;
            List<String> notCovered = null;
            Set<String> covered = ic.covered();
            for (int i = 0; i < sonames.size(); i++) {
                Set<String> defined = ic.bySoname().get(sonames.get(i));
                if (defined == null && !covered.contains(sonames.get(i))) {
                    (notCovered == null ? notCovered = new ArrayList<>() : notCovered).add(sonames.get(i));
                    continue;
                }
                if (defined == null) {
                    (missing == null ? missing = new ArrayList<>() : missing).add(new Missing(sonames.get(i), null));
                    continue;
                }
                for (String v : versions.get(i)) {
                    if (!defined.contains(v)) {
                        (missing == null ? missing = new ArrayList<>() : missing).add(new Missing(sonames.get(i), v));
                    }
                }
            }
            out.add(new Verdict(ic.cell(), missing == null, missing == null ? List.of() : missing,
                    notCovered == null ? List.of() : notCovered));
        }
        return out;
    }

    /** The highest numeric version of {@code prefix} the cell defines (any library), or null. */
    public static String maxVersion(SnapshotCell c, String prefix) {
        TreeSet<String> versions = new TreeSet<>(SymbolVersions::compareNumeric);
        Consumer<String> add = name -> {
            if (SymbolVersions.prefix(name).equals(prefix)) {
                String v = SymbolVersions.version(name);
                if (SymbolVersions.isNumeric(v)) {
                    versions.add(v);
                }
            }
        };
        if (c.isCrawled()) {
            c.libraries().forEach(l -> l.versions().forEach(add));
        } else {
            c.importedVersions().forEach(add);
        }
        return versions.isEmpty() ? null : versions.last();
    }
}
