package org.distrocompat.core.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.query.PolicyCell;

/**
 * Which releases count as "mainstream" for PEP 600 policy derivation, and what the policy covers.
 *
 * <p>Default: every release whose status is {@code supported} or {@code eol} counts — numbered releases of
 * every distro, interim ones included (Ubuntu non-LTS, every Fedora, openSUSE Leap minors, CentOS Stream
 * majors, the manylinux build images), historical ones included (a policy must not widen because an old
 * release went end-of-life). Rolling and development channels (rawhide, tumbleweed, sid/unstable, testing,
 * latest, archlinux snapshots, ...) and releases of unknown status do not. {@code include} and {@code exclude}
 * name a distro ("photon") or a release ("photon-3.0") and override the status rule; exclude wins.
 *
 * <p>The text form (one setting per line, {@code #} comments) is what {@code policy --show-config} prints and
 * {@code --mainstream FILE} reads:
 * <pre>
 * statuses supported eol
 * include debian-testing
 * exclude photon
 * prefixes CXXABI GCC GLIBC GLIBCXX LIBATOMIC ZLIB
 * never GLIBC_PRIVATE
 * whitelist libatomic.so.1 libgcc_s.so.1 ... libmvec.so.1>=2.24 ...
 * </pre>
 * A whitelist candidate written {@code SONAME>=2.Y} is a candidate from manylinux_2_Y on (auditwheel adds
 * libexpat.so.1 at 2_12 and libmvec.so.1 at 2_24; the database cannot observe either).
 */
public record MainstreamConfig(
        Set<String> statuses,
        Set<String> include,
        Set<String> exclude,
        List<String> prefixes,
        Set<String> never,
        List<String> whitelistCandidates) {

    public static final List<String> DEFAULT_STATUSES = List.of("supported", "eol");
    public static final List<String> ALL_STATUSES = List.of("supported", "eol", "rolling", "devel", "unknown");
    public static final List<String> DEFAULT_PREFIXES = List.of("CXXABI", "GCC", "GLIBC", "GLIBCXX", "LIBATOMIC", "ZLIB");
    /** auditwheel's whitelist, in its order: the sonames a policy may whitelist if no release in scope lacks them. */
    public static final List<String> DEFAULT_WHITELIST = List.of("libatomic.so.1", "libgcc_s.so.1", "libstdc++.so.6",
            "libm.so.6", "libmvec.so.1>=2.24", "libanl.so.1", "libdl.so.2", "librt.so.1", "libc.so.6", "libnsl.so.1",
            "libutil.so.1", "libpthread.so.0", "libX11.so.6", "libXext.so.6", "libXrender.so.1", "libICE.so.6",
            "libSM.so.6", "libGL.so.1", "libgobject-2.0.so.0", "libgthread-2.0.so.0", "libglib-2.0.so.0",
            "libresolv.so.2", "libexpat.so.1>=2.12", "libz.so.1");

    public MainstreamConfig {
        statuses = Set.copyOf(new LinkedHashSet<>(statuses));
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
        prefixes = List.copyOf(prefixes);
        never = Set.copyOf(never);
        whitelistCandidates = List.copyOf(whitelistCandidates);
    }

    public static MainstreamConfig defaults() {
        return new MainstreamConfig(Set.copyOf(DEFAULT_STATUSES), Set.of(), Set.of(), DEFAULT_PREFIXES,
                Set.of("GLIBC_PRIVATE"), DEFAULT_WHITELIST);
    }

    public MainstreamConfig withInclude(List<String> more) {
        Set<String> s = new LinkedHashSet<>(include);
        s.addAll(more);
        return new MainstreamConfig(statuses, s, exclude, prefixes, never, whitelistCandidates);
    }

    public MainstreamConfig withExclude(List<String> more) {
        Set<String> s = new LinkedHashSet<>(exclude);
        s.addAll(more);
        return new MainstreamConfig(statuses, include, s, prefixes, never, whitelistCandidates);
    }

    /** Whether a glibc release counts, and if not, why (null when it counts). */
    String exclusionReason(PolicyCell c) {
        if (c.libc() != Libc.GLIBC || c.glibc() == null) {
            return "not glibc";
        }
        if (matches(exclude, c)) {
            return "excluded by configuration";
        }
        if (matches(include, c)) {
            return null;
        }
        return statuses.contains(c.status().dbName()) ? null : "status " + c.status();
    }

    boolean isMainstream(PolicyCell c) {
        return exclusionReason(c) == null;
    }

    static boolean matches(Set<String> patterns, PolicyCell c) {
        return patterns.contains(c.distro()) || patterns.contains(c.label());
    }

    /** The text form, which {@link #parse} reads back. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# distrocompat mainstream configuration (policy derivation, PEP 600)\n");
        sb.append("# a release counts when its status is listed (or it is included) and it is not excluded;\n");
        sb.append("# interim releases (Ubuntu non-LTS, every Fedora, Leap minors, CentOS Stream) count like any numbered "
                + "release\n");
        sb.append("statuses ").append(String.join(" ", sorted(statuses))).append('\n');
        sb.append("include").append(join(sorted(include))).append('\n');
        sb.append("exclude").append(join(sorted(exclude))).append('\n');
        sb.append("prefixes ").append(String.join(" ", prefixes)).append('\n');
        sb.append("never").append(join(sorted(never))).append('\n');
        sb.append("whitelist ").append(String.join(" ", whitelistCandidates)).append('\n');
        return sb.toString();
    }

    /** One line for explanation headers. */
    public String summary() {
        return "mainstream = status " + String.join("|", sorted(statuses))
                + (include.isEmpty() ? "" : ", plus " + String.join(" ", sorted(include)))
                + (exclude.isEmpty() ? "" : ", minus " + String.join(" ", sorted(exclude)))
                + " (" + String.join(", ", ALL_STATUSES.stream().filter(st -> !statuses.contains(st)).toList())
                + " releases excluded; interim releases count)";
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "" : " " + String.join(" ", values);
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    public static MainstreamConfig read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text form; settings not given keep their defaults. */
    public static MainstreamConfig parse(String text, String where) {
        MainstreamConfig d = defaults();
        Set<String> statuses = d.statuses();
        Set<String> include = d.include();
        Set<String> exclude = d.exclude();
        List<String> prefixes = d.prefixes();
        Set<String> never = d.never();
        List<String> whitelist = d.whitelistCandidates();
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
            String key = words.remove(0);
            switch (key) {
                case "statuses" -> {
                    for (String s : words) {
                        if (!ALL_STATUSES.contains(s)) {
                            throw new IllegalArgumentException(where + ":" + lineNo + ": unknown status '" + s
                                    + "' (supported, eol, rolling, devel, unknown)");
                        }
                    }
                    statuses = Set.copyOf(words);
                }
                case "include" -> include = Set.copyOf(words);
                case "exclude" -> exclude = Set.copyOf(words);
                case "prefixes" -> prefixes = List.copyOf(words);
                case "never" -> never = Set.copyOf(words);
                case "whitelist" -> whitelist = List.copyOf(new LinkedHashSet<>(words));
                default -> throw new IllegalArgumentException(where + ":" + lineNo + ": unknown setting '" + key
                        + "' (statuses, include, exclude, prefixes, never, whitelist)");
            }
        }
        return new MainstreamConfig(statuses, include, exclude, prefixes, never, whitelist);
    }
}
