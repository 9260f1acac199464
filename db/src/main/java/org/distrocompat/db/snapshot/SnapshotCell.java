package org.distrocompat.db.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.query.ReleaseCatalog;

/**
 * One release x arch in a {@link ReleaseSnapshot}. Crawled cells know their libraries by soname; imported
 * cells (e.g. pep600_compliance records) only know version names per prefix, so a need is met there by the
 * exact name for any base soname of that prefix's family: GLIBC for glibc's libraries, GLIBCXX and CXXABI
 * for libstdc++.so.6, GCC for libgcc_s.so.1, ZLIB for libz.so.1.
 *
 * <p>{@code glibc} is the release's C library version: glibc's, or musl's where {@code libc} is musl. musl has no
 * symbol versions, so a musl cell also carries {@code libcSymbols}: the names its libc exports (sorted; empty for
 * glibc cells), which decide whether a musl binary runs there.
 */
public record SnapshotCell(String distro, String distroDisplayName, String release, String codename,
        ReleaseStatus status, Arch arch, Libc libc, String glibc, Provenance provenance, List<SnapshotLibrary> libraries,
        List<String> importedVersions, List<String> libcSymbols) {

    public static final Comparator<SnapshotCell> ORDER = Comparator.comparing(SnapshotCell::distro)
            .thenComparing(SnapshotCell::release, ReleaseCatalog.RELEASE_ORDER)
            .thenComparing(c -> c.arch().wheelName());

    private static final Set<String> GLIBC_LIBS = Set.of("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
            "librt.so.1", "libutil.so.1", "libresolv.so.2", "libnsl.so.1", "libanl.so.1", "libmvec.so.1",
            "libBrokenLocale.so.1", "libcrypt.so.1", "libc_malloc_debug.so.0", "libthread_db.so.1");
    private static final Pattern LOADER = Pattern.compile("ld-linux[-a-z0-9_.]*\\.so\\.\\d+|ld64\\.so\\.\\d+|ld\\.so\\.1");

    public SnapshotCell {
        libraries = List.copyOf(libraries);
        importedVersions = List.copyOf(importedVersions);
        libcSymbols = libcSymbols == null ? List.of() : List.copyOf(libcSymbols);
    }

    /** A cell without libc symbol names (every glibc cell). */
    public SnapshotCell(String distro, String distroDisplayName, String release, String codename, ReleaseStatus status,
            Arch arch, Libc libc, String glibc, Provenance provenance, List<SnapshotLibrary> libraries,
            List<String> importedVersions) {
        this(distro, distroDisplayName, release, codename, status, arch, libc, glibc, provenance, libraries,
                importedVersions, List.of());
    }

    /** Whether this is one of the dynamic loader's sonames (ld-linux-x86-64.so.2, ld64.so.2, ...). */
    public static boolean isLoaderSoname(String soname) {
        return LOADER.matcher(soname).matches();
    }

    /** The prefixes whose versions an imported cell attributes to a base soname (empty: not a base soname). */
    public static Set<String> importedPrefixesOf(String soname) {
        if (GLIBC_LIBS.contains(soname) || isLoaderSoname(soname)) {
            return Set.of("GLIBC");
        }
        return switch (soname) {
            case "libstdc++.so.6" -> Set.of("GLIBCXX", "CXXABI");
            case "libgcc_s.so.1" -> Set.of("GCC");
            case "libz.so.1" -> Set.of("ZLIB");
            default -> Set.of();
        };
    }

    public boolean isCrawled() {
        return provenance == Provenance.CRAWLED;
    }

    /** A display label such as "Debian 12" or "Ubuntu 22.04". */
    public String label() {
        String name = distroDisplayName == null || distroDisplayName.isBlank() ? distro : distroDisplayName;
        return name + " " + release;
    }

    /**
     * The version names each soname provides on this cell, computed afresh (callers that query often keep
     * the result). Crawled cells: each library's own definitions. Imported cells: every imported name for each
     * base soname of a family the record has data for (glibc's libraries always).
     */
    public Map<String, Set<String>> definitionsBySoname() {
        Map<String, Set<String>> idx = new HashMap<>();
        if (isCrawled()) {
            for (SnapshotLibrary l : libraries) {
                idx.computeIfAbsent(l.soname(), k -> new HashSet<>()).addAll(l.versions());
            }
            return idx;
        }
        Set<String> names = Set.copyOf(importedVersions);
        Set<String> prefixes = new HashSet<>();
        names.forEach(n -> prefixes.add(SymbolVersions.prefix(n)));
        for (String s : GLIBC_LIBS) {
            idx.put(s, names);
        }
        idx.put(loaderSoname(arch), names);
        if (prefixes.contains("GLIBCXX") || prefixes.contains("CXXABI")) {
            idx.put("libstdc++.so.6", names);
        }
        if (prefixes.contains("GCC")) {
            idx.put("libgcc_s.so.1", names);
        }
        if (prefixes.contains("ZLIB")) {
            idx.put("libz.so.1", names);
        }
        return idx;
    }

    /** Every string of this cell, for the snapshot's string table. */
    List<String> strings() {
        List<String> out = new ArrayList<>(List.of(nz(distro), nz(distroDisplayName), nz(release),
                nz(codename), status.dbName(), arch.wheelName(), libc.dbName(), nz(glibc), provenance.dbName()));
        for (SnapshotLibrary l : libraries) {
            out.add(nz(l.soname()));
            out.add(nz(l.packageName()));
            out.add(nz(l.packageVersion()));
            out.add(nz(l.sourceName()));
            out.add(nz(l.sourceVersion()));
            out.add(nz(l.sourceUpstreamVersion()));
            out.addAll(l.versions());
        }
        out.addAll(importedVersions);
        out.addAll(libcSymbols);
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** glibc's dynamic loader soname on a wheel architecture. */
    public static String loaderSoname(Arch arch) {
        return switch (arch) {
            case X86_64 -> "ld-linux-x86-64.so.2";
            case I686 -> "ld-linux.so.2";
            case AARCH64 -> "ld-linux-aarch64.so.1";
            case ARMV7L -> "ld-linux-armhf.so.3";
            case PPC64LE -> "ld64.so.2";
            case PPC64, S390X -> "ld64.so.1";
            case RISCV64 -> "ld-linux-riscv64-lp64d.so.1";
            case LOONGARCH64 -> "ld-linux-loongarch-lp64d.so.1";
        };
    }
}
