package org.distrocompat.crawler.source.apk;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.distrocompat.crawler.archive.ApkReader;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.PackageRef;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.trust.SignatureException;
import org.distrocompat.db.model.Arch;

/**
 * One release x arch of an Alpine mirror: its verified APKINDEX files and the packages they list. An index names a
 * package by the SHA-1 of its control segment, not by a digest of the file; the file's SHA-256 (the identity the
 * database and the cache use) is learnt by downloading and verifying it once, and remembered per control checksum,
 * so an unchanged package is never downloaded again.
 */
final class ApkCell implements SourceCell {
    /** One repository's directory ("v3.19/main/x86_64/") and its verified package list. */
    record Repository(String directory, List<ApkIndex.Entry> entries) {
    }

    private final ApkSource source;
    private final String release;
    private final String alpineArch;
    private final Arch arch;
    private final ReleaseId id;
    private final List<Repository> repositories;
    private final String metadataSha256;
    private final Map<String, ApkIndex.Entry> bySha256 = new ConcurrentHashMap<>();

    ApkCell(ApkSource source, String release, String alpineArch, Arch arch, ReleaseId id, List<Repository> repositories,
            String metadataSha256) {
        this.source = source;
        this.release = release;
        this.alpineArch = alpineArch;
        this.arch = arch;
        this.id = id;
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
        return alpineArch;
    }

    @Override
    public String location() {
        return release;
    }

    @Override
    public String mirror() {
        return source.config().mirror();
    }

    @Override
    public String metadataSha256() {
        return metadataSha256;
    }

    @Override
    public OffsetDateTime metadataDate() {
        return null; // an APKINDEX carries no date
    }

    private String label() {
        return id.label() + " " + arch.wheelName();
    }

    @Override
    public Selection select() throws IOException {
        List<String> wanted = source.config().packages();
        Map<String, ApkIndex.Entry> chosen = new LinkedHashMap<>();
        Map<String, String> directoryOf = new LinkedHashMap<>();
        for (Repository r : repositories) {
            for (ApkIndex.Entry e : r.entries()) {
                if (wanted.contains(e.name()) && !chosen.containsKey(e.name())) {
                    chosen.put(e.name(), e);
                    directoryOf.put(e.name(), r.directory());
                }
            }
        }
        String libc = wanted.get(0);
        if (!chosen.containsKey(libc)) {
            throw new IOException("the APKINDEX of " + release + " " + alpineArch + " lists no " + libc);
        }
        List<PackageRef> refs = new ArrayList<>();
        for (String name : wanted) {
            ApkIndex.Entry e = chosen.get(name);
            if (e == null) {
                continue;
            }
            String path = directoryOf.get(name) + e.fileName();
            String sha256 = identity(e, path);
            bySha256.put(sha256, e);
            String upstream = ApkIndex.upstream(e.version());
            refs.add(new PackageRef(e.name(), e.version(), upstream, e.origin(), e.version(), upstream, sha256,
                    e.size(), path, source.resolve(path).toString(), name.equals(libc), repositoryOf(directoryOf.get(name))));
        }
        return new Selection(metadataSha256, refs);
    }

    /** The repository ("main", "community") of a {@code <release>/<repository>/<arch>/} directory: the pocket. */
    private static String repositoryOf(String directory) {
        String[] parts = directory.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : directory;
    }

    /** The package file's SHA-256: remembered from an earlier download, else learnt by downloading it now. */
    private String identity(ApkIndex.Entry e, String path) throws IOException {
        Path memo = memo(e);
        if (Files.isRegularFile(memo)) {
            // a package verified before; fetch() downloads it again only when neither database nor cache has it
            String known = Files.readString(memo, StandardCharsets.US_ASCII).strip();
            if (Sha256.isValid(known)) {
                return known;
            }
        }
        return download(e, path);
    }

    private Path memo(ApkIndex.Entry e) {
        return source.context().stateDir().resolve("apk").resolve(HexFormat.of().formatHex(e.controlSha1()));
    }

    /** Downloads a package, verifies the chain from the signed index, caches it and remembers its SHA-256. */
    private String download(ApkIndex.Entry e, String path) throws IOException {
        source.context().progress().step(label(), e.fileName());
        URI uri = source.resolve(path);
        byte[] apk = source.context().fetcher().fetchBytes(uri);
        verify(uri, e, apk);
        String sha256 = Sha256.hex(apk);
        source.context().fetcher().cache().put(apk, sha256);
        Path memo = memo(e);
        try {
            Files.createDirectories(memo.getParent());
            Path tmp = Files.createTempFile(memo.getParent(), "id-", ".tmp");
            Files.writeString(tmp, sha256 + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ignored) {
            // remembering is an optimisation only
        }
        return sha256;
    }

    /**
     * apk's chain of trust for one package: its size is the index's; the SHA-1 of its control segment is the
     * index's {@code C:}; the datahash in .PKGINFO is the SHA-256 of its data segment; and where the package's own
     * signature is by a known key, it checks out.
     */
    void verify(URI uri, ApkIndex.Entry e, byte[] apk) throws IOException {
        if (e.size() >= 0 && apk.length != e.size()) {
            throw new IOException(uri + ": size " + apk.length + " where the signed index says " + e.size());
        }
        ApkReader.Segments s;
        try {
            s = ApkReader.split(apk);
        } catch (IOException x) {
            throw new IOException(uri + ": " + x.getMessage(), x);
        }
        if (s.count() < 2 || s.count() > 3) {
            throw new IOException(uri + ": " + s.count() + " gzip streams where an apk v2 package has 3");
        }
        int control = s.count() - 2;
        byte[] controlBytes = s.compressed(control);
        if (!MessageDigest.isEqual(digest("SHA-1", controlBytes), e.controlSha1())) {
            throw new IOException(uri + ": control segment SHA-1 differs from the signed index's checksum");
        }
        String pkginfo = Optional.ofNullable(s.files(control).get(".PKGINFO")).map(ApkReader::text)
                .orElseThrow(() -> new IOException(uri + ": no .PKGINFO in the control segment"));
        String datahash = null;
        for (String line : pkginfo.split("\n")) {
            if (line.startsWith("datahash = ")) {
                datahash = line.substring("datahash = ".length()).strip();
            }
        }
        if (datahash == null) {
            throw new IOException(uri + ": .PKGINFO has no datahash");
        }
        if (!datahash.equals(Sha256.hex(s.compressed(s.count() - 1)))) {
            throw new IOException(uri + ": data segment SHA-256 differs from the datahash in .PKGINFO");
        }
        ApkKeys keys = source.keys();
        if (s.count() == 3 && keys != null) {
            Map<String, byte[]> sigs = s.files(0);
            try {
                keys.verify(sigs, controlBytes);
            } catch (SignatureException x) {
                if (x.getMessage().contains("BAD signature")) {
                    throw new SignatureException(uri + ": " + x.getMessage() + "; package refused", x);
                }
                // signed by a key we do not hold: the signed index's checksum vouches for the control segment
            }
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    @Override
    public void fetch(PackageRef p) throws IOException {
        if (source.context().fetcher().cache().get(p.sha256(), p.size()).isPresent()) {
            return;
        }
        ApkIndex.Entry e = bySha256.get(p.sha256());
        String got = download(e, p.path());
        if (!got.equals(p.sha256())) {
            throw new IOException(p.url() + ": SHA256 " + got + " where an earlier verified download had "
                    + p.sha256() + " for the same control segment");
        }
    }

    @Override
    public List<ExtractedLibrary> libraries(PackageRef p, LibrarySelector selector) throws IOException {
        source.context().progress().step(label(), "reading " + p.name());
        Path file = source.context().fetcher().cache().get(p.sha256(), p.size())
                .orElseThrow(() -> new IOException(p.url() + ": not downloaded"));
        ApkReader.Segments s = ApkReader.split(Files.readAllBytes(file));
        List<ExtractedLibrary> libs = s.libraries(s.count() - 1, selector);
        if (p.libc() && libs.stream().noneMatch(l -> l.soname().startsWith("ld-musl-")
                || l.soname().startsWith("libc.musl-"))) {
            throw new IOException(p.path() + ": no musl libc (ld-musl-*.so.1) in the package");
        }
        return libs;
    }
}
