package org.distrocompat.crawler.source.apk;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.distrocompat.crawler.archive.ApkReader;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.MirrorListing;
import org.distrocompat.crawler.source.PackageSource;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.crawler.trust.SignatureException;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * An Alpine mirror as a {@link PackageSource}: the releases given or listed ({@code v3.N}, {@code edge}), each for
 * the architectures given or listed under {@code <release>/<repository>/}, each cell's APKINDEX files downloaded
 * and their signatures checked before the cell is handed to the crawl.
 */
final class ApkSource implements PackageSource {
    private static final Pattern RELEASE_DIR = Pattern.compile("v\\d+\\.\\d+|edge");

    private final ApkSourceConfig config;
    private final ApkKeys keys;
    private final SourceContext context;
    private final URI base;

    ApkSource(ApkSourceConfig config, ApkKeys keys, SourceContext context) {
        this.config = config;
        this.keys = keys;
        this.context = context;
        this.base = URI.create(config.mirror() + "/");
    }

    ApkSourceConfig config() {
        return config;
    }

    /** The trusted keys, or null for an unsigned source. */
    ApkKeys keys() {
        return keys;
    }

    SourceContext context() {
        return context;
    }

    URI resolve(String path) {
        return base.resolve(path);
    }

    @Override
    public List<SourceCell> cells(Problems problems) {
        List<SourceCell> out = new ArrayList<>();
        for (String release : releases(problems)) {
            ReleaseId id = identity(release);
            for (Map.Entry<String, Arch> a : architectures(release, problems).entrySet()) {
                String scope = config.name() + " " + release + " " + a.getKey();
                try {
                    out.add(cell(release, a.getKey(), a.getValue(), id));
                } catch (IOException e) {
                    problems.report(scope, e instanceof FetchException f && f.uri() != null ? f.uri().toString()
                            : null, e);
                }
            }
        }
        return out;
    }

    private List<String> releases(Problems problems) {
        if (!config.releases().isEmpty()) {
            return config.releases();
        }
        context.progress().message("listing the releases of " + base);
        try {
            List<String> listed = config.listing() ? MirrorListing.names(context.fetcher(), base) : List.of();
            List<String> out = listed.stream().filter(n -> RELEASE_DIR.matcher(n).matches())
                    .filter(n -> !config.skipReleases().contains(n)).toList();
            if (out.isEmpty()) {
                problems.report(config.name(), base.toString(), new IOException("the mirror lists no release "
                        + "directory (v3.N/, edge/); name the releases with --suite or \"releases\""));
            }
            return out;
        } catch (IOException e) {
            problems.report(config.name(), base.toString(), e);
            return List.of();
        }
    }

    /**
     * Alpine arch → wheel arch for one release: the configured ones (else every Alpine arch) that the release's
     * listing shows, or all of them where the mirror serves no listing.
     */
    private Map<String, Arch> architectures(String release, Problems problems) {
        List<String> wanted = new ArrayList<>();
        config.architectures().forEach(a -> ApkArches.alpineName(a).ifPresent(wanted::add));
        if (wanted.isEmpty()) {
            wanted.addAll(ApkArches.ALL);
        }
        List<String> listed = new ArrayList<>();
        if (config.listing()) {
            try {
                for (String repo : config.repositories()) {
                    listed.addAll(MirrorListing.names(context.fetcher(), resolve(release + "/" + repo + "/")));
                }
            } catch (IOException e) {
                problems.report(config.name() + " " + release, resolve(release + "/").toString(), e);
            }
        }
        List<String> names = listed.stream().noneMatch(ApkArches.ALL::contains) ? wanted
                : wanted.stream().filter(listed::contains).toList();
        Map<String, Arch> out = new LinkedHashMap<>();
        for (String n : ApkArches.ALL) {
            if (!names.contains(n) || n.equals("armhf") && names.contains("armv7")) {
                continue;
            }
            ApkArches.wheelArch(n).filter(w -> !out.containsValue(w)).ifPresent(w -> out.put(n, w));
        }
        return out;
    }

    /** "v3.19" is Alpine 3.19, supported (end-of-life dates are the calendar's business); edge is rolling. */
    ReleaseId identity(String release) {
        boolean edge = release.equals("edge");
        String version = release.startsWith("v") ? release.substring(1) : release;
        return new ReleaseId(config.distro(), config.displayName(), version, null,
                edge ? ReleaseStatus.ROLLING : ReleaseStatus.SUPPORTED, Libc.MUSL);
    }

    /** A cell with its indices downloaded and verified. */
    private ApkCell cell(String release, String alpineArch, Arch arch, ReleaseId id) throws IOException {
        context.progress().step(id.label() + " " + arch.wheelName(), "APKINDEX");
        List<ApkCell.Repository> repos = new ArrayList<>();
        MessageDigest all = Sha256.digest();
        for (String repo : config.repositories()) {
            String dir = release + "/" + repo + "/" + alpineArch + "/";
            URI uri = resolve(dir + "APKINDEX.tar.gz");
            byte[] index = context.fetcher().fetchBytes(uri);
            all.update(index);
            repos.add(new ApkCell.Repository(dir, verifiedIndex(uri, index)));
        }
        return new ApkCell(this, release, alpineArch, arch, id, repos, Sha256.hex(all));
    }

    /** The package list of an APKINDEX.tar.gz whose signature checks out (unless the source is unsigned). */
    private List<ApkIndex.Entry> verifiedIndex(URI uri, byte[] index) throws IOException {
        ApkReader.Segments s;
        try {
            s = ApkReader.split(index);
        } catch (IOException e) {
            throw new IOException(uri + ": " + e.getMessage(), e);
        }
        if (s.count() != 2 && !(s.count() == 1 && keys == null)) {
            throw new IOException(uri + ": " + s.count() + " gzip streams where a signed index has 2");
        }
        int body = s.count() - 1;
        if (keys != null) {
            try {
                keys.verify(s.files(0), s.compressed(body));
            } catch (SignatureException e) {
                throw new SignatureException(uri + ": " + e.getMessage() + "; index refused", e);
            }
        }
        byte[] text = s.files(body).get("APKINDEX");
        if (text == null) {
            throw new IOException(uri + ": no APKINDEX file in the index");
        }
        return ApkIndex.parse(ApkReader.text(text));
    }
}
