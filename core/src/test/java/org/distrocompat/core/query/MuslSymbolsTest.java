package org.distrocompat.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.SymbolRef;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.snapshot.SnapshotCell;
import org.junit.jupiter.api.Test;

/** The musl judgement by symbol names: what binds to libc, LFS64 names after musl 1.2.4, "added in". */
class MuslSymbolsTest {

    private static SnapshotCell alpine(String release, String musl, String... exports) {
        return new SnapshotCell("alpine", "Alpine Linux", release, null, ReleaseStatus.SUPPORTED, Arch.X86_64, Libc.MUSL,
                musl, Provenance.CRAWLED, List.of(), List.of(), List.of(exports));
    }

    private static InputNeeds needs(List<String> unversioned, String... sonames) {
        SortedMap<String, SortedSet<String>> req = new TreeMap<>();
        for (String s : sonames) {
            req.put(s, new TreeSet<>());
        }
        return new InputNeeds("x86_64", List.of("x86_64"), "musl", List.of("a.so"), req, List.of(), List.of(),
                unversioned.stream().map(n -> new SymbolRef("a.so", n)).toList(), new TreeMap<>(), Map.of(), Map.of());
    }

    private final SnapshotCell v315 = alpine("3.15", "1.2.2", "fopen64", "fopen", "qsort", "printf");
    private final SnapshotCell v317 = alpine("3.17", "1.2.3", "fopen64", "fopen", "qsort", "qsort_r", "printf");
    private final SnapshotCell v318 = alpine("3.18", "1.2.4", "fopen", "qsort", "qsort_r", "printf");
    private final SnapshotCell v324 = alpine("3.24", "1.2.6", "fopen", "qsort", "qsort_r", "printf", "statx");
    private final MuslSymbols symbols = new MuslSymbols(List.of(v315, v317, v318, v324));

    @Test
    void aNameTheOlderMuslLacksIsMissingWithTheVersionThatAddedIt() {
        List<MuslSymbols.Missing> m = symbols.missing(v315, List.of("qsort_r", "printf"));
        assertThat(m).containsExactly(new MuslSymbols.Missing("qsort_r", "1.2.3", "1.2.3"));
        assertThat(m.get(0).describe()).isEqualTo("`qsort_r` (added in musl 1.2.3)");
        // 1.2.4 lies between 1.2.3 and 1.2.6 with no statx: only "first stored in" can be said
        List<MuslSymbols.Missing> statx = symbols.missing(v317, List.of("statx"));
        assertThat(statx).containsExactly(new MuslSymbols.Missing("statx", "1.2.6", null));
        assertThat(statx.get(0).describe()).isEqualTo("`statx` (first in musl 1.2.6 of the stored releases)");
        assertThat(symbols.missing(v324, List.of("qsort_r", "statx"))).isEmpty();
        assertThat(symbols.missing(v324, List.of("__libc_csu_init"))).extracting(MuslSymbols.Missing::oldestWith)
                .containsExactly((String) null);
    }

    @Test
    void fromMusl124TheLoaderBindsLfs64NamesToThePlainOnes() {
        assertThat(symbols.missing(v317, List.of("fopen64"))).isEmpty(); // exported
        assertThat(symbols.missing(v318, List.of("fopen64"))).isEmpty(); // not exported, remapped by the loader
        SnapshotCell old = alpine("3.10", "1.1.22", "fopen", "qsort");
        assertThat(new MuslSymbols(List.of(old)).missing(old, List.of("fopen64"))).hasSize(1);
    }

    @Test
    void withAnotherUnversionedLibraryOnlyNamesAMuslExportsAreJudged() {
        InputNeeds libcOnly = needs(List.of("deflate", "qsort_r"), "libc.musl-x86_64.so.1", "libstdc++.so.6");
        assertThat(symbols.boundToLibc(libcOnly)).containsExactly("deflate", "qsort_r");
        InputNeeds withZlib = needs(List.of("deflate", "qsort_r"), "libc.musl-x86_64.so.1", "libz.so.1");
        assertThat(symbols.boundToLibc(withZlib)).containsExactly("qsort_r");
        assertThat(symbols.unknown(libcOnly)).containsExactly("deflate");
    }

    @Test
    void theJudgementFoldsIntoTheVerdicts() {
        InputNeeds n = needs(List.of("qsort_r"), "libc.musl-x86_64.so.1");
        List<CheckQuery.Verdict> in = List.of(new CheckQuery.Verdict(v315, true, List.of(), List.of()),
                new CheckQuery.Verdict(v317, true, List.of(), List.of()));
        List<CheckQuery.Verdict> out = symbols.judge(in, n);
        assertThat(out).extracting(CheckQuery.Verdict::compatible).containsExactly(false, true);
        assertThat(Checker.firstMissing(out.get(0))).isEqualTo("lacks `qsort_r` (added in musl 1.2.3)");
    }
}
