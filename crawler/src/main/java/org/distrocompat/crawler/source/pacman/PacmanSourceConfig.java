package org.distrocompat.crawler.source.pacman;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
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
 * A pacman source ({@code "type": "pacman"}) as configured (see {@code default-sources.json}).
 *
 * @param mirror        a live mirror, under which {@code <repo>/os/<arch>/} lie: the release "latest" (null: none)
 * @param archive       the dated archive, under which {@code repos/YYYY/MM/DD/<repo>/os/<arch>/} lie (null: none)
 * @param releases      what to crawl: "latest" and dates (20191006 or 2019-10-06); empty: "latest" when a mirror
 *                      is known, plus {@code dates} and the {@code monthly} dates when an archive is known
 * @param dates         archive snapshots to crawl by default
 * @param monthly       also one snapshot a month: {@code {"from": "2020-01", "to": null, "day": 1}} ({@code to}
 *                      null: this month)
 * @param repos         repositories searched for the packages, in order ("core")
 * @param keyrings      OpenPGP keyrings verifying package signatures; the existing ones are used
 * @param revokedKeys   files listing revoked key fingerprints (one per line, as archlinux-revoked); signatures by
 *                      them are refused
 * @param unsigned      take packages on the db's SHA256 alone, without signatures
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PacmanSourceConfig(String name, String distro, String displayName, String mirror, String archive,
        List<String> releases, List<String> dates, Monthly monthly, List<String> repos, List<String> architectures,
        List<String> keyrings, List<String> revokedKeys, boolean unsigned, List<String> packages,
        List<String> libraries, int parallelism) implements SourceConfig {

    /** One archive snapshot a month, on {@code day} (the archive has one per day). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Monthly(String from, String to, Integer day) {
    }

    public PacmanSourceConfig {
        distro = distro == null ? "archlinux" : distro;
        displayName = displayName == null ? "Arch Linux" : displayName;
        releases = orEmpty(releases);
        dates = orEmpty(dates);
        repos = repos == null || repos.isEmpty() ? List.of("core") : List.copyOf(repos);
        architectures = architectures == null || architectures.isEmpty() ? List.of("x86_64") : List.copyOf(architectures);
        keyrings = orEmpty(keyrings);
        revokedKeys = orEmpty(revokedKeys);
        packages = packages == null || packages.isEmpty() ? List.of("glibc", "gcc-libs") : List.copyOf(packages);
        libraries = orEmpty(libraries);
        parallelism = parallelism <= 0 ? 2 : parallelism;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    @Override
    public String type() {
        return "pacman";
    }

    @Override
    public PacmanSourceConfig withOverrides(Overrides o) {
        String m = o.mirror() != null && !o.mirror().isBlank() ? o.mirror().strip() : mirror;
        if (blank(m) && blank(archive)) {
            throw new SourceConfigException("no mirror for " + name + ": pass --mirror URL (a mirror holding "
                    + "<repo>/os/<arch>/) or set \"mirror\" or \"archive\" in sources.json");
        }
        for (String u : new String[] {m, archive}) {
            if (!blank(u)) {
                MirrorUrls.require(u);
            }
        }
        List<String> a = o.architectures().isEmpty() ? architectures : o.architectures();
        for (String arch : a) {
            Arch.parse(arch);
        }
        List<String> r = o.releases().isEmpty() ? releases : o.releases();
        for (String rel : r) {
            if (!rel.equals(PacmanSource.LATEST)) {
                snapshotDate(rel);
            }
        }
        List<String> k = o.keyrings().isEmpty() ? keyrings : o.keyrings().stream().map(Path::toString).toList();
        return new PacmanSourceConfig(name, distro, displayName, strip(m), strip(archive), r, dates, monthly, repos, a, k,
                revokedKeys, unsigned || o.unsigned(), packages, libraries, parallelism);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String u) {
        return blank(u) ? null : u.strip().replaceAll("/+$", "");
    }

    /** A snapshot date written 20191006 or 2019-10-06; a one-line error otherwise. */
    static LocalDate snapshotDate(String text) {
        String t = text.strip();
        if (t.matches("\\d{8}")) {
            t = t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6);
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new SourceConfigException("'" + text + "' is neither \"latest\" nor a snapshot date (20191006 or "
                    + "2019-10-06)");
        }
    }

    @Override
    public void validate() {
        keyring();
    }

    /** The package keyring (null when unsigned); one clear error when none of the configured files exists. */
    Keyring keyring() {
        if (unsigned) {
            return null;
        }
        return SourceKeyrings.load(name, keyrings, "pass --keyring FILE (Debian's archlinux-keyring package has Arch's) "
                + "or --unsigned");
    }

    @Override
    public PackageSource open(SourceContext context) {
        return new PacmanSource(this, keyring(), RevokedKeys.load(revokedKeys), context);
    }
}
