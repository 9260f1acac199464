package org.distrocompat.core.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * Whether a musl binary runs on a musl release, by symbol names: musl has no symbol versions, so a release runs it
 * when every undefined non-weak symbol the binary binds to libc is one that release's musl exports. A missing name
 * is reported with the oldest stored musl (of that arch) that exports it — "added in" when the stored data shows
 * the very release before it lacking the name.
 *
 * <p>Which symbols bind to libc: an ELF file records no library per unversioned symbol. Symbols of libstdc++ and
 * libgcc_s carry their versions (GLIBCXX_*, GCC_*) even on musl, so the unversioned ones not defined inside the
 * input are libc's — unless the input also needs another unversioned system library (libz.so.1, libssl.so.3); then
 * only the names some stored musl exports are judged, the others may be that library's.
 *
 * <p>From musl 1.2.4 on, libc no longer exports the LFS64 names (fopen64, stat64, …) and the dynamic linker binds
 * a reference to one of them to the plain name instead, so such a reference is met by the plain name there.
 */
public final class MuslSymbols {
    /** The names musl 1.2.4's dynamic linker maps to their plain forms (musl's ldso, "lfs64_names"). */
    static final Set<String> LFS64 = Set.of("aio_cancel64", "aio_error64", "aio_fsync64", "aio_read64",
            "aio_return64", "aio_suspend64", "aio_write64", "alphasort64", "creat64", "fallocate64", "fgetpos64",
            "fopen64", "freopen64", "fseeko64", "fsetpos64", "fstat64", "fstatat64", "fstatfs64", "fstatvfs64",
            "ftello64", "ftruncate64", "ftw64", "getdents64", "getrlimit64", "glob64", "globfree64", "lio_listio64",
            "lockf64", "lseek64", "lstat64", "mkostemp64", "mkostemps64", "mkstemp64", "mkstemps64", "mmap64",
            "nftw64", "open64", "openat64", "posix_fadvise64", "posix_fallocate64", "pread64", "preadv64",
            "prlimit64", "pwrite64", "pwritev64", "readdir64", "readdir64_r", "scandir64", "sendfile64",
            "setrlimit64", "stat64", "statfs64", "statvfs64", "tmpfile64", "truncate64", "versionsort64",
            "__fxstat64", "__fxstatat64", "__lxstat64", "__xstat64");
    private static final String LFS64_REMAP = "1.2.4";

    /**
     * A libc symbol a release lacks.
     *
     * @param oldestWith the oldest stored musl (same arch) that exports it, or null when none does
     * @param addedIn    {@code oldestWith} when the stored data shows the musl right before it (same major.minor,
     *                   previous patch level) without the name; null when that cannot be told
     */
    public record Missing(String name, String oldestWith, String addedIn) {
        /** "`qsort_r` (added in musl 1.2.3)", "`statx` (first in musl 1.2.6 of the stored releases)". */
        public String describe() {
            String where = addedIn != null ? "added in musl " + addedIn
                    : oldestWith != null ? "first in musl " + oldestWith + " of the stored releases"
                    : "no stored musl exports it";
            return "`" + name + "` (" + where + ")";
        }
    }

    private record MuslCell(String version, Set<String> names) {
    }

    /** arch → the stored musl cells, with their export sets */
    private final Map<String, List<MuslCell>> byArch = new HashMap<>();
    /** arch → every name some stored musl exports */
    private final Map<String, Set<String>> known = new HashMap<>();

    public MuslSymbols(Collection<SnapshotCell> cells) {
        for (SnapshotCell c : cells) {
            if (c.libc() == Libc.MUSL && !c.libcSymbols().isEmpty() && c.glibc() != null) {
                Set<String> names = Set.copyOf(c.libcSymbols());
                byArch.computeIfAbsent(c.arch().wheelName(), k -> new ArrayList<>()).add(new MuslCell(c.glibc(), names));
                known.computeIfAbsent(c.arch().wheelName(), k -> new HashSet<>()).addAll(names);
            }
        }
    }

    /** The undefined symbols of {@code needs} that bind to libc (see the class comment), sorted. */
    public List<String> boundToLibc(InputNeeds needs) {
        boolean otherUnversioned = needs.requirements().entrySet().stream().anyMatch(e -> e.getValue().isEmpty()
                && !isLibc(e.getKey()) && !e.getKey().startsWith("libstdc++.") && !e.getKey().startsWith("libgcc_s."));
        Set<String> knownHere = known.getOrDefault(needs.arch(), Set.of());
        return needs.unversionedSymbols().stream()
                .filter(s -> !otherUnversioned || knownHere.contains(s) || knownHere.contains(plain(s)))
                .sorted().toList();
    }

    private static boolean isLibc(String soname) {
        return soname.startsWith("libc.musl-") || soname.startsWith("ld-musl-") || soname.equals("libc.so");
    }

    private static String plain(String lfs64) {
        return LFS64.contains(lfs64) ? lfs64.substring(0, lfs64.lastIndexOf("64"))
                + lfs64.substring(lfs64.lastIndexOf("64") + 2) : lfs64;
    }

    /** The names of {@code needed} that {@code cell}'s musl neither exports nor resolves, in order. */
    public List<Missing> missing(SnapshotCell cell, List<String> needed) {
        Set<String> exported = Set.copyOf(cell.libcSymbols());
        boolean remaps = cell.glibc() != null && SymbolVersions.isNumeric(cell.glibc())
                && SymbolVersions.compareNumeric(cell.glibc(), LFS64_REMAP) >= 0;
        List<Missing> out = new ArrayList<>();
        for (String s : needed) {
            if (exported.contains(s) || remaps && LFS64.contains(s) && exported.contains(plain(s))) {
                continue;
            }
            out.add(firstWith(cell.arch().wheelName(), s));
        }
        return out;
    }

    private Missing firstWith(String arch, String name) {
        TreeMap<String, Boolean> has = new TreeMap<>(SymbolVersions::compareNumeric);
        for (MuslCell c : byArch.getOrDefault(arch, List.of())) {
            if (SymbolVersions.isNumeric(c.version())) {
                has.merge(c.version(), c.names().contains(name), Boolean::logicalOr);
            }
        }
        String oldest = has.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst()
                .orElse(null);
        if (oldest == null) {
            return new Missing(name, null, null);
        }
        String before = has.lowerKey(oldest);
        return new Missing(name, oldest, before != null && previousPatch(before, oldest) ? oldest : null);
    }

    /** Whether {@code a} is the patch release right before {@code b} (1.2.2 before 1.2.3). */
    static boolean previousPatch(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        if (x.length != 3 || y.length != 3 || !x[0].equals(y[0]) || !x[1].equals(y[1])) {
            return false;
        }
        return Integer.parseInt(x[2]) + 1 == Integer.parseInt(y[2]);
    }

    /**
     * The verdicts of a musl input with the symbol judgement folded in: a cell stays compatible only when it lacks
     * none of the libc symbols, and lists those it lacks.
     */
    public List<CheckQuery.Verdict> judge(List<CheckQuery.Verdict> verdicts, InputNeeds needs) {
        List<String> needed = boundToLibc(needs);
        List<CheckQuery.Verdict> out = new ArrayList<>(verdicts.size());
        for (CheckQuery.Verdict v : verdicts) {
            if (v.cell().libc() != Libc.MUSL || v.cell().libcSymbols().isEmpty()) {
                out.add(v);
                continue;
            }
            List<Missing> lacking = missing(v.cell(), needed);
            out.add(new CheckQuery.Verdict(v.cell(), v.compatible() && lacking.isEmpty(), v.missing(), v.notCovered(),
                    lacking));
        }
        return out;
    }

    /** The libc symbols no stored musl of the arch exports (likely a glibc-only or misspelt name), sorted. */
    public Set<String> unknown(InputNeeds needs) {
        Set<String> out = new TreeSet<>(boundToLibc(needs));
        out.removeIf(s -> known.getOrDefault(needs.arch(), Set.of()).contains(s)
                || known.getOrDefault(needs.arch(), Set.of()).contains(plain(s)));
        return out;
    }
}
