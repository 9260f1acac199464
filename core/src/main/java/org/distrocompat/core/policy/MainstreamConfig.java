package org.distrocompat.core.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * keep libatomic.so.1
 * images manylinux
 * gap next
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
        List<String> whitelistCandidates,
        Set<String> images,
        GapRule gap,
        Set<String> keep) {

    /**
     * What fills an arch's bounds for manylinux_2_Y when no (non-image) release on that arch has glibc 2.Y: GLIBC is
     * capped at 2.Y either way; the other prefixes come from the arch's own next releases ({@code next}: per-arch
     * truth) or are capped at the x86_64 bound ({@code x86_64}: what auditwheel's official file does).
     */
    public enum GapRule {
        NEXT, X86_64;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Distros that are build images, not systems: they count in intersections but witness no GLIBC backport. */
    public static final Set<String> DEFAULT_IMAGES = Set.of("manylinux");
    /**
     * Whitelist candidates kept although a release in scope lacks them: libatomic.so.1 is gcc's runtime, installable
     * on every release (the manylinux1/2010 images and RHEL UBI 7 just do not ship it), and auditwheel whitelists it.
     */
    public static final Set<String> DEFAULT_KEEP = Set.of("libatomic.so.1");

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
        images = Set.copyOf(images);
        keep = Set.copyOf(keep);
    }

    public static MainstreamConfig defaults() {
        return new MainstreamConfig(Set.copyOf(DEFAULT_STATUSES), Set.of(), Set.of(), DEFAULT_PREFIXES,
                Set.of("GLIBC_PRIVATE"), DEFAULT_WHITELIST, DEFAULT_IMAGES, GapRule.NEXT, DEFAULT_KEEP);
    }

    public MainstreamConfig withInclude(List<String> more) {
        Set<String> s = new LinkedHashSet<>(include);
        s.addAll(more);
        return new MainstreamConfig(statuses, s, exclude, prefixes, never, whitelistCandidates, images, gap, keep);
    }

    public MainstreamConfig withExclude(List<String> more) {
        Set<String> s = new LinkedHashSet<>(exclude);
        s.addAll(more);
        return new MainstreamConfig(statuses, include, s, prefixes, never, whitelistCandidates, images, gap, keep);
    }

    public MainstreamConfig withGap(GapRule rule) {
        return new MainstreamConfig(statuses, include, exclude, prefixes, never, whitelistCandidates, images, rule, keep);
    }

    /** Whether a glibc release counts, and if not, why (null when it counts). */
    String exclusionReason(PolicyCell c) {
        return exclusionReason(c, true);
    }

    /** The same; {@code byStatus} false leaves the status rule out (a calendar date decides instead). */
    String exclusionReason(PolicyCell c, boolean byStatus) {
        if (c.libc() != Libc.GLIBC || c.glibc() == null) {
            return "not glibc";
        }
        if (matches(exclude, c)) {
            return "excluded by configuration";
        }
        if (matches(include, c) || !byStatus) {
            return null;
        }
        return statuses.contains(c.status().dbName()) ? null : "status " + c.status();
    }

    /** Whether the release is a build image (manylinux-2_34): it witnesses no GLIBC backport. */
    boolean isImage(PolicyCell c) {
        return images.contains(c.distro());
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
        sb.append("# candidates kept on the whitelist although a release in scope lacks them\n");
        sb.append("keep").append(join(sorted(keep))).append('\n');
        sb.append("# build images: they count, but witness no GLIBC version newer than their glibc\n");
        sb.append("images").append(join(sorted(images))).append('\n');
        sb.append("# no release at glibc 2.Y on an arch: other prefixes from its next releases (next) or capped at x86_64's\n");
        sb.append("gap ").append(gap.configName()).append('\n');
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
        Set<String> images = d.images();
        GapRule gap = d.gap();
        Set<String> keep = d.keep();
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
                case "images" -> images = Set.copyOf(words);
                case "keep" -> keep = Set.copyOf(words);
                case "gap" -> {
                    if (words.size() != 1 || !List.of("next", "x86_64").contains(words.get(0))) {
                        throw new IllegalArgumentException(where + ":" + lineNo + ": gap takes one of next, x86_64");
                    }
                    gap = GapRule.valueOf(words.get(0).toUpperCase(Locale.ROOT));
                }
                default -> throw new IllegalArgumentException(where + ":" + lineNo + ": unknown setting '" + key
                        + "' (statuses, include, exclude, prefixes, never, whitelist, keep, images, gap)");
            }
        }
        return new MainstreamConfig(statuses, include, exclude, prefixes, never, whitelist, images, gap, keep);
    }
}
