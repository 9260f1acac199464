package org.distrocompat.crawler.source.apt;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.crawler.archive.DebReader;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.PackageRef;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.db.model.Arch;

/**
 * One release x architecture of an apt archive: the Packages index (per component) of its suite and of its pockets
 * (jammy, jammy-updates, jammy-security), the newest version of each package across them, and the .debs they list.
 */
final class AptCell implements SourceCell {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AptSource source;
    private final AptRepository repo;
    private final List<SuiteDiscovery.Suite> pockets;
    private final String debArch;
    private final Arch arch;
    private final ReleaseId release;
    private final String note;

    /** @param pockets the release's suite first, then its pockets */
    AptCell(AptSource source, AptRepository repo, List<SuiteDiscovery.Suite> pockets, String debArch, Arch arch,
            ReleaseId release, String note) {
        this.source = source;
        this.repo = repo;
        this.pockets = List.copyOf(pockets);
        this.debArch = debArch;
        this.arch = arch;
        this.release = release;
        this.note = note == null || note.isBlank() ? null : note;
    }

    @Override
    public ReleaseId release() {
        return release;
    }

    @Override
    public Arch arch() {
        return arch;
    }

    @Override
    public String archiveArch() {
        return debArch;
    }

    @Override
    public String location() {
        return pockets.get(0).path();
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public String mirror() {
        return repo.location();
    }

    @Override
    public String metadataSha256() {
        if (pockets.size() == 1) {
            return pockets.get(0).release().sha256();
        }
        StringBuilder sb = new StringBuilder();
        pockets.forEach(p -> sb.append(p.release().sha256()));
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public OffsetDateTime metadataDate() {
        return pockets.stream().map(p -> p.release().date()).filter(d -> d != null)
                .max(OffsetDateTime::compareTo).orElse(null);
    }

    private String label() {
        return release.label() + " " + arch.wheelName();
    }

    @Override
    public Selection select() throws IOException {
        AptSourceConfig config = source.config();
        Set<String> wanted = new LinkedHashSet<>(config.packages());
        // per package name, the newest version across the pockets; an earlier pocket wins a tie
        Map<String, PackageRef> newest = new LinkedHashMap<>();
        List<String> digests = new ArrayList<>();
        for (SuiteDiscovery.Suite pocket : pockets) {
            for (String component : config.components()) {
                source.context().progress().step(label(), pocket.path() + "/" + component + "/binary-" + debArch
                        + "/Packages");
                String dir = component + "/binary-" + debArch + "/Packages";
                if (pocket != pockets.get(0) && pocket.release().entries().keySet().stream()
                        .noneMatch(k -> k.startsWith(dir))) {
                    continue; // a pocket whose Release lists no index for this component and arch
                }
                AptRepository.Index index = repo.packagesIndex(pocket.path(), pocket.release(), component, debArch,
                        config.indexCompression());
                digests.add(index.entry().sha256());
                for (PackageEntry e : selection(index, wanted, source.context().stateDir())) {
                    newest.merge(e.name(), ref(e, pocket.path()),
                            (a, b) -> DebianVersion.compare(b.version(), a.version()) > 0 ? b : a);
                }
            }
        }
        String indexSha = digests.size() == 1 ? digests.get(0)
                : Sha256.hex(String.join("", digests).getBytes(StandardCharsets.US_ASCII));
        if (newest.values().stream().noneMatch(PackageRef::libc)) {
            throw new IOException("the Packages index lists no libc6 for " + debArch);
        }
        return new Selection(indexSha, List.copyOf(newest.values()));
    }

    private PackageRef ref(PackageEntry e, String pocket) {
        return new PackageRef(e.name(), e.version(), DebianVersion.upstream(e.version()), e.sourceName(),
                e.sourceVersion(), DebianVersion.upstream(e.sourceVersion()), e.sha256(), e.size(), e.filename(),
                repo.resolve(e.filename()).toString(), AptSource.LIBC_PACKAGES.contains(e.name()), pocket);
    }

    /**
     * The wanted packages of a verified index. The selection is remembered beside the cache, keyed by the index's
     * SHA256, so a cell that is retried (say, for a package the mirror lacks) does not decompress the index again.
     */
    static List<PackageEntry> selection(AptRepository.Index index, Set<String> wanted, Path stateDir)
            throws IOException {
        String names = String.join(",", new TreeSet<>(wanted));
        Path file = stateDir.resolve("selections").resolve(index.entry().sha256() + "-"
                + Sha256.hex(names.getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".json");
        if (Files.isRegularFile(file)) {
            try {
                return List.of(JSON.readValue(file.toFile(), PackageEntry[].class));
            } catch (IOException e) {
                // unreadable: scan the index again
            }
        }
        List<PackageEntry> entries = AptRepository.packages(index, wanted);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "sel-", ".tmp");
            JSON.writeValue(tmp.toFile(), entries);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // remembering is an optimisation only
        }
        return entries;
    }

    @Override
    public void fetch(PackageRef p) throws IOException {
        source.context().progress().step(label(), p.path().substring(p.path().lastIndexOf('/') + 1));
        repo.deb(p.path(), p.sha256(), p.size());
    }

    @Override
    public List<ExtractedLibrary> libraries(PackageRef p, LibrarySelector selector) throws IOException {
        source.context().progress().step(label(), "reading " + p.name());
        Path deb = repo.deb(p.path(), p.sha256(), p.size());
        List<ExtractedLibrary> libs;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(deb), 1 << 16)) {
            libs = DebReader.readLibraries(in, selector);
        }
        if (p.libc() && libs.stream().noneMatch(l -> l.soname().startsWith("libc.so."))) {
            throw new IOException(p.path() + ": no libc.so.6 in the package");
        }
        return libs;
    }
}
