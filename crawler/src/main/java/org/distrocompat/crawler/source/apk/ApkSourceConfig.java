package org.distrocompat.crawler.source.apk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.List;
import org.distrocompat.crawler.source.MirrorUrls;
import org.distrocompat.crawler.source.Overrides;
import org.distrocompat.crawler.source.PackageSource;
import org.distrocompat.crawler.source.SourceConfig;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.db.model.Arch;

/**
 * An apk source ({@code "type": "apk"}) as configured (see {@code default-sources.json}).
 *
 * @param mirror        the mirror's base URL, under which {@code <release>/<repository>/<arch>/} lie (null: only
 *                      from --mirror or sources.json)
 * @param releases      release directories to crawl ("v3.19", "edge"); empty: every {@code v<N>.<M>} and edge of
 *                      the mirror's directory listing
 * @param skipReleases  release directories discovery passes over
 * @param architectures Alpine or wheel architecture names; empty: every one the release's listing shows (or, with
 *                      no listing, {@link ApkArches#ALL})
 * @param repositories  repositories of a release searched for the packages ("main")
 * @param keys          RSA public key files or directories of them ({@code *.rsa.pub}); empty: the Alpine keys
 *                      shipped with distrocompat
 * @param unsigned      take indices without checking their signature (a source you trust otherwise)
 * @param packages      the packages to read; the first is the C library (musl)
 * @param libraries     sonames stored besides musl's libc, libstdc++ and libgcc_s (libatomic.so.1)
 * @param listing       read the mirror's directory listings to discover releases and architectures
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApkSourceConfig(String name, String distro, String displayName, String mirror, List<String> releases,
        List<String> skipReleases, List<String> architectures, List<String> repositories, List<String> keys,
        boolean unsigned, List<String> packages, List<String> libraries, Boolean listing, int parallelism)
        implements SourceConfig {

    public ApkSourceConfig {
        distro = distro == null ? "alpine" : distro;
        displayName = displayName == null ? "Alpine Linux" : displayName;
        releases = orEmpty(releases);
        skipReleases = orEmpty(skipReleases);
        architectures = orEmpty(architectures);
        repositories = repositories == null || repositories.isEmpty() ? List.of("main") : List.copyOf(repositories);
        keys = orEmpty(keys);
        packages = packages == null || packages.isEmpty() ? List.of("musl", "libstdc++", "libgcc", "libatomic")
                : List.copyOf(packages);
        libraries = orEmpty(libraries);
        listing = listing == null || listing;
        parallelism = parallelism <= 0 ? 4 : parallelism;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    @Override
    public String type() {
        return "apk";
    }

    @Override
    public ApkSourceConfig withOverrides(Overrides o) {
        String m = o.mirror() != null && !o.mirror().isBlank() ? o.mirror().strip() : mirror;
        if (m == null || m.isBlank()) {
            throw new SourceConfigException("no mirror for " + name + ": pass --mirror URL (the directory holding "
                    + "v3.N/ and edge/) or set \"mirror\" in sources.json");
        }
        MirrorUrls.require(m);
        List<String> a = o.architectures().isEmpty() ? architectures : o.architectures();
        for (String arch : a) {
            if (ApkArches.wheelArch(arch).isEmpty() && Arch.fromAnyName(arch).isEmpty()) {
                throw new SourceConfigException("unknown architecture '" + arch + "'; Alpine's: "
                        + String.join(", ", ApkArches.ALL) + " (or wheel names)");
            }
        }
        List<String> k = o.keyrings().isEmpty() ? keys : o.keyrings().stream().map(Path::toString).toList();
        return new ApkSourceConfig(name, distro, displayName, m.replaceAll("/+$", ""),
                o.releases().isEmpty() ? releases : o.releases(), skipReleases, a, repositories, k,
                unsigned || o.unsigned(), packages, libraries, listing, parallelism);
    }

    @Override
    public void validate() {
        trustedKeys();
    }

    /** The trusted keys (null when unsigned); one clear error when none can be read. */
    ApkKeys trustedKeys() {
        return unsigned ? null : ApkKeys.load(keys);
    }

    @Override
    public PackageSource open(SourceContext context) {
        return new ApkSource(this, trustedKeys(), context);
    }
}
