package org.distrocompat.crawler.source.apt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distrocompat.crawler.source.MirrorUrls;
import org.distrocompat.crawler.source.Overrides;
import org.distrocompat.crawler.source.PackageSource;
import org.distrocompat.crawler.source.SourceConfig;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.crawler.source.SourceKeyrings;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.db.model.Arch;

/**
 * An apt source ({@code "type": "apt"}) as configured (see {@code default-sources.json}).
 *
 * @param name             the name used with --source
 * @param distro           the distro id stored in the database (debian, ubuntu)
 * @param mirrors          the archive layouts: each a mirror URL (null: from the host's apt sources) with the
 *                         architectures it serves (empty: all)
 * @param suites           suites to crawl; empty: discover them
 * @param aliases          well-known suite aliases to resolve through their Release's Codename
 * @param listing          also read the mirror's dists/ directory listing when it serves one
 * @param skipSuites       codenames never crawled by discovery (experimental, ...)
 * @param architectures    architectures to crawl (distro or wheel names); empty: every one the Release lists
 *                         that maps to a wheel architecture
 * @param keyrings         OpenPGP keyrings (file paths, or {@code bundled:NAME}); the existing ones are used
 * @param unsigned         accept Release files without checking signatures (a source you trust otherwise)
 * @param releaseVersion   "major" (Debian: 12.15 is release 12) or "full" (Ubuntu: 22.04)
 * @param packages         binary package names to read (libc6 and its per-arch names, libstdc++6, libgcc-s1, ...)
 * @param libraries        extra sonames to store besides glibc's base libraries, libstdc++ and libgcc_s
 *                         (e.g. libatomic.so.1 with package libatomic1, libz.so.1 with zlib1g)
 * @param indexCompression order in which Packages compressions are tried ("xz", "gz", "bz2", "" for plain); the
 *                         defaults try gz first: inflating is ~8x cheaper than pure-Java xz decoding, which
 *                         decides a full crawl's time on a small machine (the download is ~30% larger)
 * @param parallelism      cells crawled at once
 * @param discoveryTtlMinutes how long a resolution of the suite aliases is reused before asking the mirror again
 *                         (0: every run)
 * @param pockets          the suites a release is made of, as suffixes of its codename: Ubuntu's
 *                         {@code ["", "-updates", "-security"]} merges jammy, jammy-updates and jammy-security into
 *                         one release x arch (the newest version of a package wins; its pocket is recorded). A pocket
 *                         the mirror does not serve is left out and said in the summary. Default {@code [""]}.
 * @param archived         an archive of retired releases (Debian's jessie/stretch/buster, Ubuntu's old releases):
 *                         Release files past their Valid-Until and signatures by keys that expired since they signed
 *                         are accepted, and the summary says so; releases are stored as end-of-life
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AptSourceConfig(String name, String distro, String displayName, List<Mirror> mirrors,
        List<String> suites, List<String> aliases, boolean listing, List<String> skipSuites,
        List<String> architectures, List<String> components, List<String> keyrings, boolean unsigned,
        String releaseVersion, List<String> packages, List<String> libraries, List<String> indexCompression,
        int parallelism, Integer discoveryTtlMinutes, List<String> pockets, boolean archived) implements SourceConfig {

    /**
     * An archive layout: a mirror URL (null: look it up in the host's apt sources by name), its architectures, and
     * whether a Release past its Valid-Until is refused there (null: yes, unless the mirror comes from the host's apt
     * sources, whose {@code Check-Valid-Until} option or {@code Acquire::Check-Valid-Until} setting then decides, as
     * it does for apt on that host).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mirror(String url, String aptSourcesName, List<String> architectures, Boolean checkValidUntil) {
        public Mirror {
            architectures = architectures == null ? List.of() : List.copyOf(architectures);
        }

        public Mirror(String url, String aptSourcesName, List<String> architectures) {
            this(url, aptSourcesName, architectures, null);
        }

        Mirror withUrl(String u) {
            return new Mirror(u, aptSourcesName, architectures, checkValidUntil);
        }

        /** Whether a Release past its Valid-Until is refused on this mirror (apt's default: yes). */
        boolean checksValidUntil() {
            return checkValidUntil == null || checkValidUntil;
        }
    }

    public AptSourceConfig {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        suites = orEmpty(suites);
        aliases = orEmpty(aliases);
        skipSuites = orEmpty(skipSuites);
        architectures = orEmpty(architectures);
        components = components == null || components.isEmpty() ? List.of("main") : List.copyOf(components);
        keyrings = orEmpty(keyrings);
        releaseVersion = releaseVersion == null ? "major" : releaseVersion;
        packages = orEmpty(packages);
        libraries = orEmpty(libraries);
        indexCompression = indexCompression == null || indexCompression.isEmpty() ? List.of("xz", "gz", "bz2", "")
                : List.copyOf(indexCompression);
        parallelism = parallelism <= 0 ? 4 : parallelism;
        displayName = displayName == null ? distro : displayName;
        discoveryTtlMinutes = discoveryTtlMinutes == null ? 1440 : discoveryTtlMinutes;
        pockets = pockets == null || pockets.isEmpty() ? List.of("") : List.copyOf(pockets);
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    @Override
    public String type() {
        return "apt";
    }

    @Override
    public void validate() {
        keyring();
    }

    @Override
    public PackageSource open(SourceContext context) {
        return new AptSource(this, keyring(), context);
    }

    /**
     * Overrides applied, architectures validated, and every mirror resolved: from the request, else the
     * configuration, else the host's apt sources (by {@code aptSourcesName}).
     */
    @Override
    public AptSourceConfig withOverrides(Overrides o) {
        List<String> s = o.releases().isEmpty() ? suites : o.releases();
        List<String> a = o.architectures().isEmpty() ? architectures : o.architectures();
        for (String arch : a) {
            if (Arch.fromAnyName(arch).isEmpty()) {
                throw new SourceConfigException("unknown architecture '" + arch + "'; known: "
                        + String.join(", ", Arch.wheelNames())
                        + " (or distro names such as amd64, arm64, armhf, i386, ppc64el, loong64)");
            }
        }
        List<String> k = o.keyrings().isEmpty() ? keyrings : o.keyrings().stream().map(Path::toString).toList();
        return new AptSourceConfig(name, distro, displayName, resolveMirrors(o), s, aliases, listing, skipSuites, a,
                components, k, unsigned || o.unsigned(), releaseVersion, packages, libraries, indexCompression,
                parallelism, discoveryTtlMinutes, pockets, archived);
    }

    private List<Mirror> resolveMirrors(Overrides o) {
        List<Mirror> configured = new ArrayList<>(mirrors);
        if (configured.isEmpty()) {
            throw new SourceConfigException("source '" + name + "' has no mirrors configured");
        }
        if (o.mirror() != null && !o.mirror().isBlank()) {
            configured.set(0, configured.get(0).withUrl(o.mirror().strip()));
        }
        AptSources host = null;
        List<Mirror> resolved = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            Mirror m = configured.get(i);
            String url = m.url();
            if (url == null || url.isBlank()) {
                if (host == null) {
                    host = AptSources.read(o.hostAptDir() != null ? o.hostAptDir() : Path.of("/etc/apt"));
                }
                String hostName = m.aptSourcesName() == null ? distro : m.aptSourcesName();
                Optional<AptSources.Entry> entry = host.entryFor(hostName);
                url = entry.map(e -> e.uri().toString()).orElse(null);
                if (entry.isPresent() && m.checkValidUntil() == null) {
                    // the host's mirror is trusted as the host's apt trusts it
                    m = new Mirror(m.url(), m.aptSourcesName(), m.architectures(), host.checkValidUntil(entry.get()));
                }
            }
            if (url == null) {
                if (i == 0) {
                    throw new SourceConfigException("no mirror for " + name + ": none configured and the host's apt "
                            + "sources name none; pass --mirror URL (or set it in sources.json)");
                }
                continue; // a further layout (e.g. ports) this host has no mirror for
            }
            MirrorUrls.require(url);
            resolved.add(m.withUrl(url.replaceAll("/+$", "")));
        }
        return resolved;
    }

    /** The keyring the source is verified with (null when configured unsigned); one clear error when missing. */
    Keyring keyring() {
        if (unsigned) {
            return null;
        }
        Keyring k = SourceKeyrings.load(name, keyrings, "pass --keyring FILE (or --unsigned for a source you trust otherwise)");
        return archived ? k.acceptingKeysExpiredSinceSigning() : k;
    }
}
