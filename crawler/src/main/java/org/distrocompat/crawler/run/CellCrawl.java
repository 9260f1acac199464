package org.distrocompat.crawler.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.distrocompat.crawler.source.PackageRef;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.source.SourceConfig;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.repo.CellFacts;
import org.distrocompat.db.repo.CellRepository;
import org.distrocompat.db.repo.CellState;
import org.distrocompat.db.repo.LibraryFacts;
import org.distrocompat.db.repo.PackageFacts;

/**
 * One release x arch of a crawl, from its verified metadata to one transaction: unchanged metadata or index end
 * it early; otherwise every new package is downloaded first (so a package the mirror lacks fails the cell before
 * any parsing), then read, then the whole cell is written at once. A failure leaves the cell's stored data as it
 * was and is reported as a problem of the run.
 */
final class CellCrawl {

    /** What every cell of one crawl shares. */
    record Context(SourceConfig source, CellRepository store, LibraryReader reader, CrawlProgress progress,
            Problems problems, List<CellRepository.Unchanged> unchanged, long runId, List<CrawlSummary.Problem> warnings) {
    }

    /** Where a cell reports its failure (the run's error log and the summary). */
    @FunctionalInterface
    interface Problems {
        void report(String scope, String url, Exception error);
    }

    private CellCrawl() {
    }

    static CrawlSummary.Cell run(SourceCell cell, CellState state, Context ctx) {
        CrawlSummary.Cell summary = summary(cell);
        CellRepository.CellKey key = new CellRepository.CellKey(cell.release().version(), cell.arch());
        try {
            if (cell.metadataSha256().equals(state.metadataSha256())) {
                ctx.unchanged().add(new CellRepository.Unchanged(key, cell.metadataSha256()));
                return done(ctx, cell, summary, CellOutcome.UNCHANGED, "signed metadata unchanged");
            }
            SourceCell.Selection selection = cell.select();
            if (selection.indexSha256().equals(state.indexSha256())) {
                ctx.unchanged().add(new CellRepository.Unchanged(key, cell.metadataSha256()));
                return done(ctx, cell, summary, CellOutcome.UNCHANGED, "package index unchanged");
            }
            Set<String> known = ctx.store().knownPackages(selection.packages().stream().map(PackageRef::sha256)
                    .collect(Collectors.toSet()));
            for (PackageRef p : selection.packages()) {
                if (!known.contains(p.sha256())) {
                    cell.fetch(p);
                }
            }
            String libcVersion = null;
            List<PackageFacts> packages = new ArrayList<>();
            for (PackageRef p : selection.packages()) {
                if (p.libc()) {
                    libcVersion = p.upstreamVersion();
                }
                List<LibraryFacts> libs = known.contains(p.sha256()) ? null : ctx.reader().read(cell, p);
                packages.add(new PackageFacts(p.name(), p.version(), p.upstreamVersion(), p.sourceName(),
                        p.sourceVersion(), p.sourceUpstreamVersion(), p.sha256(), p.size(), p.url(), p.pocket(), libs));
            }
            ctx.progress().step(summary.label(), "storing");
            CellRepository.Result r = ctx.store().write(new CellFacts(cell.release().distro(),
                    cell.release().displayName(), cell.release().version(), cell.release().codename(),
                    cell.release().status(), cell.release().libc(), libcVersion, cell.metadataDate(), cell.arch(),
                    ctx.source().name(), cell.mirror(), cell.metadataSha256(), selection.indexSha256(), packages),
                    ctx.runId());
            for (CellRepository.Drop d : r.drops()) {
                ctx.warnings().add(new CrawlSummary.Problem(summary.label(), null, d.packageName() + " " + d.newVersion()
                        + " no longer defines " + String.join(", ", d.dropped()) + " (" + d.oldVersion() + " did)"));
            }
            return done(ctx, cell, summary, CellOutcome.UPDATED, r.packagesAdded() + " new package(s), "
                    + r.librariesAdded() + " new librar" + (r.librariesAdded() == 1 ? "y" : "ies"));
        } catch (IOException | RuntimeException e) {
            ctx.problems().report(ctx.source().name() + " " + cell.location() + " " + cell.archiveArch(), null, e);
            return done(ctx, summary, CellOutcome.FAILED, Messages.of(e));
        }
    }

    static CrawlSummary.Cell summary(SourceCell cell) {
        return new CrawlSummary.Cell(cell.release().distro(), cell.release().version(), cell.release().codename(),
                cell.location(), cell.arch().wheelName(), null, null);
    }

    private static CrawlSummary.Cell done(Context ctx, CrawlSummary.Cell c, CellOutcome outcome, String detail) {
        ctx.progress().finished(c.label(), outcome, detail);
        return new CrawlSummary.Cell(c.distro(), c.release(), c.codename(), c.suite(), c.arch(), outcome, detail);
    }

    private static CrawlSummary.Cell done(Context ctx, SourceCell cell, CrawlSummary.Cell c, CellOutcome outcome,
            String detail) {
        return done(ctx, c, outcome, cell.note() == null ? detail : detail + "; " + cell.note());
    }
}
