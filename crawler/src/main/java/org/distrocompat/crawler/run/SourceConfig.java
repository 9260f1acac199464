package org.distrocompat.crawler.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One apt source as configured (see {@code default-sources.json} and {@link SourcesFile}).
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
 * @param keyrings         OpenPGP keyrings; the existing ones are used
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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceConfig(String name, String distro, String displayName, List<Mirror> mirrors, List<String> suites,
        List<String> aliases, boolean listing, List<String> skipSuites, List<String> architectures,
        List<String> components, List<String> keyrings, boolean unsigned, String releaseVersion,
        List<String> packages, List<String> libraries, List<String> indexCompression, int parallelism, Integer discoveryTtlMinutes) {

    /** An archive layout: a mirror URL (null: look it up in the host's apt sources by name) and its architectures. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mirror(String url, String aptSourcesName, List<String> architectures) {
        public Mirror {
            architectures = architectures == null ? List.of() : List.copyOf(architectures);
        }

        public Mirror withUrl(String u) {
            return new Mirror(u, aptSourcesName, architectures);
        }
    }

    public SourceConfig {
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
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    public SourceConfig withMirrors(List<Mirror> m) {
        return new SourceConfig(name, distro, displayName, m, suites, aliases, listing, skipSuites, architectures,
                components, keyrings, unsigned, releaseVersion, packages, libraries, indexCompression, parallelism, discoveryTtlMinutes);
    }

    public SourceConfig withSuites(List<String> s) {
        return new SourceConfig(name, distro, displayName, mirrors, s, aliases, listing, skipSuites, architectures,
                components, keyrings, unsigned, releaseVersion, packages, libraries, indexCompression, parallelism, discoveryTtlMinutes);
    }

    public SourceConfig withArchitectures(List<String> a) {
        return new SourceConfig(name, distro, displayName, mirrors, suites, aliases, listing, skipSuites, a,
                components, keyrings, unsigned, releaseVersion, packages, libraries, indexCompression, parallelism, discoveryTtlMinutes);
    }

    public SourceConfig withKeyrings(List<String> k) {
        return new SourceConfig(name, distro, displayName, mirrors, suites, aliases, listing, skipSuites, architectures,
                components, k, unsigned, releaseVersion, packages, libraries, indexCompression, parallelism, discoveryTtlMinutes);
    }

    public SourceConfig withUnsigned(boolean u) {
        return new SourceConfig(name, distro, displayName, mirrors, suites, aliases, listing, skipSuites, architectures,
                components, keyrings, u, releaseVersion, packages, libraries, indexCompression, parallelism, discoveryTtlMinutes);
    }
}
