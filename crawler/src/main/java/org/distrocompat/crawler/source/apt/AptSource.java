package org.distrocompat.crawler.source.apt;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.PackageSource;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.db.model.Arch;

/**
 * An apt archive as a {@link PackageSource}: the suites given or discovered (aliases resolved through their signed
 * Release, plus a {@code dists/} listing), each for every architecture its Release lists that wheels know, over
 * every configured archive layout (Ubuntu's archive and ports mirrors).
 */
final class AptSource implements PackageSource {
    /** Names of the package that ships glibc's libc.so.6 on the various architectures. */
    static final Set<String> LIBC_PACKAGES = Set.of("libc6", "libc6.1", "libc0.1", "libc0.3");

    private final AptSourceConfig config;
    private final Keyring keyring;
    private final SourceContext context;

    AptSource(AptSourceConfig config, Keyring keyring, SourceContext context) {
        this.config = config;
        this.keyring = keyring;
        this.context = context;
    }

    AptSourceConfig config() {
        return config;
    }

    SourceContext context() {
        return context;
    }

    @Override
    public List<SourceCell> cells(Problems problems) {
        List<SourceCell> out = new ArrayList<>();
        for (AptSourceConfig.Mirror m : config.mirrors()) {
            boolean acceptExpired = config.archived() || !m.checksValidUntil();
            AptRepository repo = new AptRepository(URI.create(m.url()), context.fetcher(), keyring, acceptExpired);
            for (SuiteDiscovery.Suite suite : suites(repo, problems)) {
                List<String> notes = new ArrayList<>();
                List<SuiteDiscovery.Suite> pockets = pockets(repo, suite, notes, problems);
                if (pockets != null && acceptExpired) {
                    expiry(pockets).ifPresent(notes::add);
                }
                if (pockets == null) {
                    continue;
                }
                ReleaseId id = AptReleaseIdentity.of(config, suite.release(), suite.path());
                for (Map.Entry<String, Arch> a : architectures(suite.release(), m, config).entrySet()) {
                    out.add(new AptCell(this, repo, pockets, a.getKey(), a.getValue(), id, String.join("; ", notes)));
                }
            }
        }
        return out;
    }

    /**
     * The suites a release is made of: the suite itself and its pockets ({@code jammy-updates}, ...), each verified.
     * A pocket the mirror does not serve is left out with a note; one that fails otherwise (a bad signature) fails
     * the release: null.
     */
    private List<SuiteDiscovery.Suite> pockets(AptRepository repo, SuiteDiscovery.Suite suite, List<String> notes,
            Problems problems) {
        List<SuiteDiscovery.Suite> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String p : config.pockets()) {
            if (p.isEmpty()) {
                out.add(suite);
            } else {
                String base = suite.release().codename() == null ? suite.path() : suite.release().codename();
                names.add(base + p);
            }
        }
        for (AptRepository.ReleaseResult rr : repo.releases(names)) {
            if (rr.error() == null) {
                out.add(new SuiteDiscovery.Suite(rr.suite(), rr.release()));
            } else if (rr.error() instanceof FetchException f && f.notFound()) {
                notes.add("pocket " + rr.suite() + " not served");
            } else {
                problems.report(config.name() + " " + rr.suite(),
                        urlOf(rr.error(), repo.resolve("dists/" + rr.suite() + "/")), rr.error());
                return null;
            }
        }
        return out;
    }

    /** The summary's word on an expired Release that was accepted, and why it was. */
    private Optional<String> expiry(List<SuiteDiscovery.Suite> suites) {
        OffsetDateTime now = OffsetDateTime.now();
        return suites.stream().map(SuiteDiscovery.Suite::release).map(ReleaseFile::validUntil)
                .filter(v -> v != null && v.isBefore(now)).min(OffsetDateTime::compareTo)
                .map(v -> config.archived()
                        ? "archived source: Release expired " + v.toLocalDate() + " (Valid-Until) accepted"
                        : "Release expired " + v.toLocalDate() + " (Valid-Until) accepted: Check-Valid-Until is off "
                                + "for this mirror");
    }

    private List<SuiteDiscovery.Suite> suites(AptRepository repo, Problems problems) {
        List<SuiteDiscovery.Suite> out = new ArrayList<>();
        if (!config.suites().isEmpty()) {
            context.progress().message("reading the Release files of " + String.join(", ", config.suites()));
            for (AptRepository.ReleaseResult rr : repo.releases(config.suites())) {
                if (rr.error() == null) {
                    out.add(new SuiteDiscovery.Suite(rr.suite(), rr.release()));
                } else {
                    problems.report(config.name() + " " + rr.suite(),
                            urlOf(rr.error(), repo.resolve("dists/" + rr.suite() + "/")), rr.error());
                }
            }
            return out;
        }
        context.progress().message("discovering the suites of " + repo.location());
        try {
            Path state = context.stateDir().resolve("suites").resolve(
                    Sha256.hex(repo.location().getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".json");
            SuiteDiscovery.Result r = SuiteDiscovery.discover(repo, config.aliases(), config.listing(),
                    config.skipSuites(), state, Duration.ofMinutes(config.discoveryTtlMinutes()));
            for (SuiteDiscovery.Problem p : r.problems()) {
                problems.report(config.name() + " " + p.path(),
                        urlOf(p.error(), repo.resolve("dists/" + p.path() + "/")), p.error());
            }
            out.addAll(r.suites());
        } catch (IOException e) {
            problems.report(config.name(), urlOf(e, repo.resolve("dists/")), e);
        }
        return out;
    }

    /** Debian architecture name → wheel arch, for the architectures the Release lists and the crawl wants. */
    static Map<String, Arch> architectures(ReleaseFile release, AptSourceConfig.Mirror mirror, AptSourceConfig src) {
        Set<Arch> wanted = new HashSet<>();
        for (String a : src.architectures()) {
            wanted.add(Arch.parse(a));
        }
        Map<String, Arch> out = new LinkedHashMap<>();
        for (String a : release.architectures()) {
            if (a.equals("all") || !mirror.architectures().isEmpty() && !mirror.architectures().contains(a)) {
                continue;
            }
            Arch.fromAnyName(a).filter(w -> wanted.isEmpty() || wanted.contains(w))
                    .filter(w -> !out.containsValue(w)).ifPresent(w -> out.put(a, w));
        }
        return out;
    }

    static String urlOf(Exception e, URI fallback) {
        return (e instanceof FetchException f && f.uri() != null ? f.uri() : fallback).toString();
    }
}
