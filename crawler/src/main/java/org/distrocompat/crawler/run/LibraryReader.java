package org.distrocompat.crawler.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.PackageRef;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.repo.LibraryFacts;
import org.distrocompat.elf.DynamicSymbol;
import org.distrocompat.elf.ElfFile;
import org.distrocompat.elf.ElfReader;
import org.distrocompat.elf.VersionDefinition;

/**
 * Reads the base libraries of packages into the facts the database stores, once per package SHA256 within a crawl:
 * the same .deb listed by several suites (or the same multilib .rpm in two cells) is parsed by the first cell that
 * needs it while the others wait for its result.
 */
final class LibraryReader {
    private final LibrarySelector selector;
    private final Map<String, CompletableFuture<List<LibraryFacts>>> parsed = new ConcurrentHashMap<>();

    LibraryReader(LibrarySelector selector) {
        this.selector = selector;
    }

    List<LibraryFacts> read(SourceCell cell, PackageRef p) throws IOException {
        CompletableFuture<List<LibraryFacts>> mine = new CompletableFuture<>();
        CompletableFuture<List<LibraryFacts>> other = parsed.putIfAbsent(p.sha256(), mine);
        if (other != null) {
            return await(other);
        }
        try {
            List<LibraryFacts> out = new ArrayList<>();
            for (ExtractedLibrary l : cell.libraries(p, selector)) {
                out.add(facts(p, l));
            }
            mine.complete(out);
            return out;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static List<LibraryFacts> await(CompletableFuture<List<LibraryFacts>> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(Messages.of(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private static LibraryFacts facts(PackageRef p, ExtractedLibrary l) throws IOException {
        ElfFile f;
        try {
            f = ElfReader.read(ByteBuffer.wrap(l.data()));
        } catch (IOException e) {
            throw new IOException(p.path() + l.path() + ": " + e.getMessage(), e);
        }
        List<LibraryFacts.Definition> definitions = new ArrayList<>();
        for (VersionDefinition d : f.definitions()) {
            // a name the snapshot and the policy files could not carry fails the package, before anything is stored
            var problem = SymbolVersions.nameProblem(d.name(), SymbolVersions.MAX_NAME_LENGTH);
            if (problem.isPresent()) {
                throw new IOException(p.path() + l.path() + ": version definition " + d.index() + " holds "
                        + problem.get());
            }
            definitions.add(new LibraryFacts.Definition(d.index(), d.name(), d.flags(), d.isBase()));
        }
        List<LibraryFacts.Symbol> symbols = new ArrayList<>();
        for (DynamicSymbol s : f.exportedSymbols()) {
            symbols.add(new LibraryFacts.Symbol(s.name(), s.version() == null ? "" : s.version(), s.hidden(), s.type(),
                    s.binding()));
        }
        return new LibraryFacts(l.soname(), l.path(), Sha256.hex(l.data()), l.data().length, f.machine(), f.arch(),
                f.soname(), definitions, symbols);
    }
}
