package org.distrocompat.crawler.source.pacman;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.PackageSource;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.crawler.trust.SignatureException;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * Arch Linux as a {@link PackageSource}: the live mirror is the release "latest"; every snapshot of the dated
 * archive that is asked for is a release of its own, named by its date as pep600_compliance names Arch images
 * ("20191006"), so crawled snapshots and imported records meet on one identity. Both are rolling.
 */
final class PacmanSource implements PackageSource {
    static final String LATEST = "latest";
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final PacmanSourceConfig config;
    private final Keyring keyring;
    private final RevokedKeys revoked;
    private final SourceContext context;

    PacmanSource(PacmanSourceConfig config, Keyring keyring, RevokedKeys revoked, SourceContext context) {
        this.config = config;
        this.keyring = keyring;
        this.revoked = revoked;
        this.context = context;
    }

    PacmanSourceConfig config() {
        return config;
    }

    SourceContext context() {
        return context;
    }

    Keyring keyring() {
        return keyring;
    }

    RevokedKeys revoked() {
        return revoked;
    }

    @Override
    public List<SourceCell> cells(Problems problems) {
        List<SourceCell> out = new ArrayList<>();
        for (String release : releases()) {
            String base;
            String version;
            if (release.equals(LATEST)) {
                if (config.mirror() == null) {
                    problems.report(config.name() + " latest", null, new SourceConfigException("no live mirror "
                            + "configured (\"mirror\")"));
                    continue;
                }
                base = config.mirror() + "/";
                version = LATEST;
            } else {
                LocalDate d = PacmanSourceConfig.snapshotDate(release);
                if (config.archive() == null) {
                    problems.report(config.name() + " " + d.format(COMPACT), null, new SourceConfigException(
                            "no archive configured (\"archive\") for the dated snapshot " + d));
                    continue;
                }
                base = config.archive() + "/repos/" + d.format(PATH) + "/";
                version = d.format(COMPACT);
            }
            ReleaseId id = new ReleaseId(config.distro(), config.displayName(), version, null, ReleaseStatus.ROLLING,
                    Libc.GLIBC);
            for (String a : config.architectures()) {
                Arch arch = Arch.parse(a);
                try {
                    out.add(cell(URI.create(base), id, arch));
                } catch (IOException e) {
                    problems.report(config.name() + " " + version + " " + arch.wheelName(),
                            e instanceof FetchException f && f.uri() != null ? f.uri().toString() : null, e);
                }
            }
        }
        return out;
    }

    /** The releases to crawl: as asked, else latest (with a mirror) and the configured dates (with an archive). */
    List<String> releases() {
        if (!config.releases().isEmpty()) {
            return config.releases();
        }
        Set<String> out = new LinkedHashSet<>();
        if (config.mirror() != null) {
            out.add(LATEST);
        }
        if (config.archive() != null) {
            config.dates().forEach(d -> out.add(PacmanSourceConfig.snapshotDate(d).format(COMPACT)));
            out.addAll(monthly(config.monthly(), YearMonth.now()));
        }
        return List.copyOf(out);
    }

    /** One date a month from {@code from} to {@code to} (or {@code now}), on the configured day. */
    static List<String> monthly(PacmanSourceConfig.Monthly m, YearMonth now) {
        if (m == null || m.from() == null) {
            return List.of();
        }
        YearMonth from;
        YearMonth to;
        try {
            from = YearMonth.parse(m.from());
            to = m.to() == null ? now : YearMonth.parse(m.to());
        } catch (RuntimeException e) {
            throw new SourceConfigException("\"monthly\": from/to must be YYYY-MM, not '" + m.from() + "'/'" + m.to() + "'");
        }
        int day = m.day() == null ? 1 : m.day();
        List<String> out = new ArrayList<>();
        for (YearMonth ym = from; !ym.isAfter(to); ym = ym.plusMonths(1)) {
            out.add(ym.atDay(Math.min(Math.max(day, 1), ym.lengthOfMonth())).format(COMPACT));
        }
        return out;
    }

    private PacmanCell cell(URI base, ReleaseId id, Arch arch) throws IOException {
        context.progress().step(id.label() + " " + arch.wheelName(), "databases");
        List<PacmanCell.Repository> repos = new ArrayList<>();
        MessageDigest all = Sha256.digest();
        for (String repo : config.repos()) {
            String dir = repo + "/os/" + arch.wheelName() + "/";
            URI uri = base.resolve(dir + repo + ".db");
            byte[] db = context.fetcher().fetchBytes(uri);
            verifyDatabase(uri, db);
            all.update(db);
            List<PacmanDb.Entry> entries;
            try {
                entries = PacmanDb.parse(db);
            } catch (IOException e) {
                throw new IOException(uri + ": " + e.getMessage(), e);
            }
            repos.add(new PacmanCell.Repository(base.resolve(dir), entries));
        }
        return new PacmanCell(this, base.toString(), id, arch, repos, Sha256.hex(all));
    }

    /** A database signature is optional (pacman's DatabaseOptional), but one that is there must verify. */
    private void verifyDatabase(URI uri, byte[] db) throws IOException {
        if (keyring == null) {
            return;
        }
        URI sigUri = URI.create(uri + ".sig");
        byte[] sig;
        try {
            sig = context.fetcher().fetchBytes(sigUri);
        } catch (FetchException e) {
            if (e.notFound()) {
                return;
            }
            throw e;
        }
        try {
            revoked.check(sig);
            keyring.verifyDetached(db, sig);
        } catch (SignatureException e) {
            throw new SignatureException(uri + ": " + e.getMessage() + "; database refused", e);
        }
    }
}
