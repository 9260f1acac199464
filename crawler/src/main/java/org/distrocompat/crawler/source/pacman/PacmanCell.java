package org.distrocompat.crawler.source.pacman;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.archive.TarPackageReader;
import org.distrocompat.crawler.source.PackageRef;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.trust.SignatureException;
import org.distrocompat.db.model.Arch;

/** One release (live or dated snapshot) x arch of a pacman source: its databases and the packages they list. */
final class PacmanCell implements SourceCell {
    /** One repository's directory and its packages. */
    record Repository(URI directory, List<PacmanDb.Entry> entries) {
    }

    private final PacmanSource source;
    private final String base;
    private final ReleaseId id;
    private final Arch arch;
    private final List<Repository> repositories;
    private final String metadataSha256;
    private final Map<String, PacmanDb.Entry> bySha256 = new LinkedHashMap<>();

    PacmanCell(PacmanSource source, String base, ReleaseId id, Arch arch, List<Repository> repositories,
            String metadataSha256) {
        this.source = source;
        this.base = base;
        this.id = id;
        this.arch = arch;
        this.repositories = List.copyOf(repositories);
        this.metadataSha256 = metadataSha256;
    }

    @Override
    public ReleaseId release() {
        return id;
    }

    @Override
    public Arch arch() {
        return arch;
    }

    @Override
    public String archiveArch() {
        return arch.wheelName();
    }

    @Override
    public String location() {
        return id.version();
    }

    @Override
    public String mirror() {
        return base;
    }

    @Override
    public String metadataSha256() {
        return metadataSha256;
    }

    @Override
    public OffsetDateTime metadataDate() {
        return null;
    }

    /** The repository ("core") of a {@code <repo>/os/<arch>/} directory: the pocket. */
    private static String repositoryOf(URI directory) {
        String[] parts = directory.getPath().split("/");
        return parts.length >= 3 ? parts[parts.length - 3] : directory.getPath();
    }

    private String label() {
        return id.label() + " " + arch.wheelName();
    }

    @Override
    public synchronized Selection select() throws IOException {
        List<String> wanted = source.config().packages();
        List<PackageRef> refs = new ArrayList<>();
        for (String name : wanted) {
            for (Repository r : repositories) {
                PacmanDb.Entry e = r.entries().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                if (e == null) {
                    continue;
                }
                String path = base.isEmpty() ? e.fileName() : r.directory().toString().substring(base.length())
                        + e.fileName();
                String upstream = PacmanDb.upstream(e.version());
                bySha256.put(e.sha256(), e);
                refs.add(new PackageRef(e.name(), e.version(), upstream, e.base(), e.version(), upstream, e.sha256(),
                        e.size(), path, r.directory().resolve(e.fileName()).toString(), name.equals(wanted.get(0)),
                        repositoryOf(r.directory())));
                break;
            }
        }
        if (refs.stream().noneMatch(PackageRef::libc)) {
            throw new IOException("the databases of " + id.version() + " " + arch.wheelName() + " list no "
                    + wanted.get(0));
        }
        return new Selection(metadataSha256, refs);
    }

    @Override
    public void fetch(PackageRef p) throws IOException {
        source.context().progress().step(label(), p.path().substring(p.path().lastIndexOf('/') + 1));
        Path file = source.context().fetcher().fetchVerified(URI.create(p.url()), p.sha256(), p.size());
        verifySignature(p, file);
    }

    /** pacman's SigLevel Required: the package's detached signature (in the db, else beside it) must verify. */
    private void verifySignature(PackageRef p, Path file) throws IOException {
        if (source.keyring() == null) {
            return;
        }
        PacmanDb.Entry e;
        synchronized (this) {
            e = bySha256.get(p.sha256());
        }
        byte[] sig;
        if (e != null && e.pgpSig() != null && !e.pgpSig().isBlank()) {
            try {
                sig = Base64.getMimeDecoder().decode(e.pgpSig());
            } catch (IllegalArgumentException x) {
                throw new SignatureException(p.url() + ": the database's %PGPSIG% is not base64");
            }
        } else {
            sig = source.context().fetcher().fetchBytes(URI.create(p.url() + ".sig"));
        }
        try {
            source.revoked().check(sig);
            source.keyring().verifyDetached(Files.readAllBytes(file), sig);
        } catch (SignatureException x) {
            throw new SignatureException(p.url() + ": " + x.getMessage() + "; package refused", x);
        }
    }

    @Override
    public List<ExtractedLibrary> libraries(PackageRef p, LibrarySelector selector) throws IOException {
        source.context().progress().step(label(), "reading " + p.name());
        Path file = source.context().fetcher().fetchVerified(URI.create(p.url()), p.sha256(), p.size());
        List<ExtractedLibrary> libs;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            libs = TarPackageReader.readLibraries(in, selector);
        } catch (IOException e) {
            throw new IOException(p.path() + ": " + e.getMessage(), e);
        }
        if (p.libc() && libs.stream().noneMatch(l -> l.soname().startsWith("libc.so."))) {
            throw new IOException(p.path() + ": no libc.so.6 in the package");
        }
        return libs;
    }
}
