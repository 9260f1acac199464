package org.distrocompat.crawler.source.rpm;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.source.PackageSource;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.source.SourceContext;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;

/**
 * An rpm-md archive as a {@link PackageSource}: for each configured release and architecture, the repomd.xml of every
 * repository of the release (verified where the source checks metadata signatures) is read, and the release x arch
 * cells over them are listed: the arch itself and its multilib cells (i686 from x86_64 repositories). A release whose
 * repositories cannot be read on an arch is reported and left out; the others go on.
 */
final class RpmSource implements PackageSource {
    private final RpmSourceConfig config;
    private final Keyring keyring;
    private final SourceContext context;
    private final PrimarySelections selections;

    RpmSource(RpmSourceConfig config, Keyring keyring, SourceContext context) {
        this.config = config;
        this.keyring = keyring;
        this.context = context;
        this.selections = new PrimarySelections(context.stateDir());
    }

    RpmSourceConfig config() {
        return config;
    }

    SourceContext context() {
        return context;
    }

    PrimarySelections selections() {
        return selections;
    }

    /** The keyring package signatures are checked with, or null when they are not. */
    Keyring packageKeyring() {
        return config.unsigned() || !config.gpgcheck() ? null : keyring;
    }

    /** One release on one repository arch, with its repositories' verified repomd.xml files. */
    record ReleaseArch(RpmSourceConfig.Release release, Arch repoArch, List<RpmRepository> repos, List<RepoMd> repomds) {
    }

    @Override
    public List<SourceCell> cells(Problems problems) {
        List<RpmSourceConfig.Release> releases = config.releases();
        List<Future<ReleaseArch>> futures = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        context.progress().message("reading the repomd.xml files of " + config.name());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, config.parallelism())), r -> {
            Thread t = new Thread(r, "repomd-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            boolean probed = false;
            for (RpmSourceConfig.Release r : releases) {
                for (Arch a : config.archesOf(r)) {
                    if (config.cellsOf(a).stream().noneMatch(config::wants)) {
                        continue;
                    }
                    String scope = config.name() + " " + r.release() + " " + RpmArch.repoName(a);
                    if (!probed) {
                        // the first repository is read alone: a mirror that does not answer at all is one line
                        // for the source, not one per release x arch after every retry
                        probed = true;
                        try {
                            futures.add(CompletableFuture.completedFuture(readReleaseArch(r, a)));
                        } catch (FetchException e) {
                            if (e.status() < 0 && e.getCause() != null) {
                                problems.report(config.name() + ": mirror " + config.mirror() + " unreachable",
                                        e.uri() == null ? null : e.uri().toString(), e);
                                return List.of();
                            }
                            futures.add(CompletableFuture.failedFuture(e));
                        } catch (IOException e) {
                            futures.add(CompletableFuture.failedFuture(e));
                        }
                    } else {
                        futures.add(pool.submit(() -> readReleaseArch(r, a)));
                    }
                    scopes.add(scope);
                }
            }
            List<SourceCell> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    ReleaseArch ra = futures.get(i).get();
                    for (Arch cell : config.cellsOf(ra.repoArch())) {
                        if (config.wants(cell)) {
                            out.add(new RpmCell(this, ra, cell, identity(ra.release())));
                        }
                    }
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception x ? x : new IOException(e.getCause());
                    problems.report(scopes.get(i), cause instanceof FetchException f && f.uri() != null
                            ? f.uri().toString() : null, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private ReleaseArch readReleaseArch(RpmSourceConfig.Release r, Arch a) throws IOException {
        List<RpmRepository> repos = new ArrayList<>();
        List<RepoMd> mds = new ArrayList<>();
        for (RpmSourceConfig.Repo repo : config.reposOf(r)) {
            String path = repo.path().replace("{release}", r.release()).replace("{path}", r.path())
                    .replace("{arch}", RpmArch.repoName(a));
            RpmRepository rr = new RpmRepository(repo.name(), path, URI.create(config.mirror() + "/").resolve(path),
                    context.fetcher(), config.unsigned() || !config.repoGpgcheck() ? null : keyring);
            mds.add(rr.repomd());
            repos.add(rr);
        }
        if (repos.isEmpty()) {
            throw new IOException("release " + r.release() + " has no repositories configured");
        }
        return new ReleaseArch(r, a, repos, mds);
    }

    private ReleaseId identity(RpmSourceConfig.Release r) {
        return new ReleaseId(config.distro(), config.displayName(), r.release(), r.codename(), r.releaseStatus(),
                Libc.GLIBC);
    }
}
