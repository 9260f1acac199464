package org.distrocompat.crawler.source.rpm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.crawler.source.MirrorUrls;
import org.distrocompat.crawler.source.Overrides;
import org.distrocompat.crawler.source.PackageSource;
import org.distrocompat.crawler.source.SourceConfig;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.crawler.source.SourceKeyrings;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * An rpm-md source ({@code "type": "rpm"}): Fedora, CentOS, AlmaLinux, Rocky, Oracle Linux, openSUSE, Amazon Linux, ...
 * A release is several repositories (base and updates) merged into one release x arch; each repository is a path
 * below the mirror with {@code {release}}, {@code {path}} and {@code {arch}} filled in.
 *
 * @param mirror        the mirror's base URL; null in the built-in catalog (mirror URLs are configuration)
 * @param repos         the repositories of a release, in order of precedence for equal versions, e.g.
 *                      {@code {"name": "updates", "path": "updates/{release}/Everything/{arch}"}}
 * @param releases      the releases: identity ({@code release} as the database keys it: "40", "9", "15.6",
 *                      "tumbleweed"), status, the {@code path} that {@code {path}} stands for (default: the release),
 *                      and optionally their own repos and architectures
 * @param architectures the architectures whose repositories are read (wheel or RPM names)
 * @param multilib      further cells read from another arch's repositories: {@code {"x86_64": ["i686"]}} puts the
 *                      32-bit packages of the x86_64 repositories into the i686 cell
 * @param keyrings      OpenPGP keyrings: file paths or {@code bundled:NAME}
 * @param gpgcheck      verify every package's header signature (default true)
 * @param repoGpgcheck  verify repodata/repomd.xml.asc (default false: only some distros sign their metadata)
 * @param unsigned      check no signature at all (a source you trust otherwise)
 * @param archived      retired releases: signatures by keys that have expired since they signed are accepted
 * @param packages      package names in order of preference when several packages provide one library
 * @param libraries     sonames to store besides glibc's base libraries, libstdc++ and libgcc_s (libatomic.so.1)
 * @param cells         the cells to crawl (architectures, e.g. only "i686"); empty: every one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RpmSourceConfig(String name, String distro, String displayName, String mirror, List<Repo> repos,
        List<Release> releases, List<String> architectures, Map<String, List<String>> multilib, List<String> keyrings,
        Boolean gpgcheck, Boolean repoGpgcheck, boolean unsigned, boolean archived, List<String> packages,
        List<String> libraries, int parallelism, List<String> cells) implements SourceConfig {

    /** A repository of a release: its name (recorded as the pocket of its packages) and its path template. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Repo(String name, String path) {
    }

    /** A release as the source crawls it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Release(String release, String codename, String status, String path, List<Repo> repos,
            List<String> architectures) {
        public Release {
            status = status == null ? "supported" : status;
            path = path == null ? release : path;
            repos = repos == null ? List.of() : List.copyOf(repos);
            architectures = architectures == null ? List.of() : List.copyOf(architectures);
        }

        ReleaseStatus releaseStatus() {
            return ReleaseStatus.fromDb(status);
        }
    }

    public RpmSourceConfig {
        displayName = displayName == null ? distro : displayName;
        repos = repos == null ? List.of() : List.copyOf(repos);
        releases = releases == null ? List.of() : List.copyOf(releases);
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        multilib = multilib == null ? Map.of() : Map.copyOf(multilib);
        keyrings = keyrings == null ? List.of() : List.copyOf(keyrings);
        gpgcheck = gpgcheck == null || gpgcheck;
        repoGpgcheck = repoGpgcheck != null && repoGpgcheck;
        packages = packages == null ? List.of() : List.copyOf(packages);
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        parallelism = parallelism <= 0 ? 4 : parallelism;
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    @Override
    public String type() {
        return "rpm";
    }

    @Override
    public void validate() {
        keyring();
    }

    @Override
    public PackageSource open(SourceContext context) {
        return new RpmSource(this, keyring(), context);
    }

    /** The repositories of a release: its own, else the source's. */
    List<Repo> reposOf(Release r) {
        return r.repos().isEmpty() ? repos : r.repos();
    }

    /** The repository architectures of a release. */
    List<Arch> archesOf(Release r) {
        List<Arch> out = new ArrayList<>();
        for (String a : r.architectures().isEmpty() ? architectures : r.architectures()) {
            out.add(Arch.parse(a));
        }
        return out;
    }

    /** The cells a repository arch yields: itself and its multilib arches. */
    List<Arch> cellsOf(Arch repoArch) {
        Set<Arch> out = new LinkedHashSet<>();
        out.add(repoArch);
        multilib.getOrDefault(repoArch.wheelName(), List.of()).forEach(a -> out.add(Arch.parse(a)));
        return List.copyOf(out);
    }

    /**
     * Overrides applied and checked: the mirror (required: the catalog names none), the releases (one not in the
     * configuration is crawled with the source's repositories), the architectures (cells wanted).
     */
    @Override
    public RpmSourceConfig withOverrides(Overrides o) {
        String m = o.mirror() != null && !o.mirror().isBlank() ? o.mirror().strip() : mirror;
        if (m == null || m.isBlank()) {
            throw new SourceConfigException("no mirror for " + name + ": mirror URLs are configuration; pass --mirror "
                    + "URL (or set \"mirror\" in sources.json) for a tree laid out as "
                    + String.join(" + ", repos.isEmpty() && !releases.isEmpty()
                            ? reposOf(releases.get(0)).stream().map(Repo::path).toList()
                            : repos.stream().map(Repo::path).toList()));
        }
        MirrorUrls.require(m);
        List<Release> rs = releases;
        if (!o.releases().isEmpty()) {
            rs = new ArrayList<>();
            for (String wanted : o.releases()) {
                Release found = null;
                for (Release r : releases) {
                    if (r.release().equals(wanted) || wanted.equals(r.codename())) {
                        found = r;
                    }
                }
                rs.add(found != null ? found : new Release(wanted, null, null, null, null, null));
            }
        }
        if (rs.isEmpty()) {
            throw new SourceConfigException("source '" + name + "' lists no releases; pass --suite RELEASE");
        }
        for (String a : o.architectures()) {
            Arch.parse(a);
        }
        for (String a : architectures) {
            Arch.parse(a);
        }
        List<String> k = o.keyrings().isEmpty() ? keyrings : o.keyrings().stream().map(Object::toString).toList();
        return new RpmSourceConfig(name, distro, displayName, m.replaceAll("/+$", ""), repos, rs, architectures,
                multilib, k, gpgcheck, repoGpgcheck, unsigned || o.unsigned(), archived, packages, libraries, parallelism,
                o.architectures().isEmpty() ? cells : o.architectures());
    }

    /** Whether the crawl wants this cell. */
    boolean wants(Arch cell) {
        return cells.isEmpty() || cells.stream().map(Arch::parse).anyMatch(cell::equals);
    }

    /** The keyring (null when nothing is checked); one clear error when none of the configured ones exists. */
    Keyring keyring() {
        if (unsigned || !gpgcheck && !repoGpgcheck) {
            return null;
        }
        Keyring k = SourceKeyrings.load(name, keyrings, "pass --keyring FILE (or --unsigned for a source you trust otherwise)");
        return archived ? k.acceptingKeysExpiredSinceSigning() : k;
    }
}
