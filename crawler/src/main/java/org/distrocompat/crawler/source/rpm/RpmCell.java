package org.distrocompat.crawler.source.rpm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.archive.RpmHeader;
import org.distrocompat.crawler.archive.RpmReader;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.source.PackageRef;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.crawler.source.SourceCell;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.crawler.trust.RpmSignatures;
import org.distrocompat.db.model.Arch;

/**
 * One release x arch of an rpm-md source, over all the release's repositories (base and updates): the packages that
 * provide the base libraries with this cell's word size and arch are taken from every repository's primary, the newest
 * version of each package wins (an update replaces the release's build; the first repository wins a tie), and for each
 * library one package provides it (the configured names first). The signed metadata of the cell is all its
 * repositories' repomd.xml together, so a change in any of them is a change of the cell.
 */
final class RpmCell implements SourceCell {
    private final RpmSource source;
    private final RpmSource.ReleaseArch releaseArch;
    private final Arch arch;
    private final ReleaseId release;

    RpmCell(RpmSource source, RpmSource.ReleaseArch releaseArch, Arch arch, ReleaseId release) {
        this.source = source;
        this.releaseArch = releaseArch;
        this.arch = arch;
        this.release = release;
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
        return arch == releaseArch.repoArch() ? RpmArch.repoName(arch)
                : RpmArch.repoName(arch) + " (from " + RpmArch.repoName(releaseArch.repoArch()) + ")";
    }

    @Override
    public String location() {
        return releaseArch.release().release();
    }

    @Override
    public String mirror() {
        return source.config().mirror();
    }

    @Override
    public String metadataSha256() {
        if (releaseArch.repomds().size() == 1) {
            return releaseArch.repomds().get(0).sha256();
        }
        StringBuilder sb = new StringBuilder();
        releaseArch.repomds().forEach(m -> sb.append(m.sha256()));
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public OffsetDateTime metadataDate() {
        return releaseArch.repomds().stream().map(RepoMd::date).filter(d -> d != null)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    private String label() {
        return release.label() + " " + arch.wheelName();
    }

    /** A primary entry found in one of the cell's repositories. */
    private record Found(PrimaryPackage p, RpmRepository repo, int repoIndex) {
    }

    @Override
    public Selection select() throws IOException {
        Set<String> sonames = new HashSet<>(LibrarySelector.BASE_SONAMES);
        sonames.addAll(source.config().libraries());
        Set<String> provides = new HashSet<>();
        for (String s : sonames) {
            provides.add(s);
            provides.add(s + "()(64bit)");
        }
        StringBuilder digests = new StringBuilder();
        // the newest build of each package name across the repositories
        Map<String, Found> newest = new LinkedHashMap<>();
        for (int i = 0; i < releaseArch.repos().size(); i++) {
            RpmRepository repo = releaseArch.repos().get(i);
            RepoMd md = releaseArch.repomds().get(i);
            source.context().progress().step(label(), repo.name() + " primary");
            Path primary = repo.primary(md);
            RepoMd.Data d = md.data().get("primary");
            digests.append(d.checksum());
            for (PrimaryPackage p : source.selections().packages(d.checksum(), d.location(), primary, provides)) {
                if (!RpmArch.belongs(p.arch(), arch) || p.provides().stream().noneMatch(x -> wordSizeMatches(x))) {
                    continue;
                }
                Found f = new Found(p, repo, i);
                newest.merge(p.name(), f, (a, b) -> b.p().evr().compareTo(a.p().evr()) > 0 ? b : a);
            }
        }
        // one provider per library: the configured names first, then by name
        List<String> preference = source.config().packages();
        Comparator<String> byPreference = Comparator.comparingInt((String n) -> preference.contains(n)
                ? preference.indexOf(n) : preference.size()).thenComparing(Comparator.naturalOrder());
        Map<String, String> providerOf = new LinkedHashMap<>();
        for (String soname : sonames) {
            String provide = RpmArch.provideOf(soname, arch);
            newest.values().stream().filter(f -> f.p().provides().contains(provide)).map(f -> f.p().name())
                    .min(byPreference).ifPresent(n -> providerOf.put(soname, n));
        }
        if (!providerOf.containsKey("libc.so.6")) {
            throw new IOException("no package in " + String.join(" + ", releaseArch.repos().stream()
                    .map(RpmRepository::path).toList()) + " provides " + RpmArch.provideOf("libc.so.6", arch));
        }
        String libcPackage = providerOf.get("libc.so.6");
        List<PackageRef> refs = new ArrayList<>();
        for (String name : new TreeSet<>(providerOf.values())) {
            refs.add(ref(newest.get(name), name.equals(libcPackage)));
        }
        String indexSha = releaseArch.repos().size() == 1 ? digests.toString()
                : Sha256.hex(digests.toString().getBytes(StandardCharsets.US_ASCII));
        return new Selection(indexSha, refs);
    }

    private boolean wordSizeMatches(String provide) {
        return provide.endsWith("()(64bit)") == RpmArch.is64Bit(arch);
    }

    private PackageRef ref(Found f, boolean libc) {
        PrimaryPackage p = f.p();
        String[] source = p.sourceRpm() == null ? new String[] {p.name(), null}
                : RpmVersion.sourceNameAndVersion(p.sourceRpm());
        String sourceVersion = source[1] == null ? p.evr().evr() : source[1];
        String sourceUpstream = RpmVersion.parse(sourceVersion).version();
        String url = f.repo().packageUri(p).toString();
        String mirror = source().config().mirror() + "/";
        String path = url.startsWith(mirror) ? url.substring(mirror.length()) : url;
        return new PackageRef(p.name(), p.evr().evr(), p.version(), source[0], sourceVersion, sourceUpstream,
                p.sha256(), p.size(), path, url, libc, f.repo().name());
    }

    private RpmSource source() {
        return source;
    }

    @Override
    public void fetch(PackageRef p) throws IOException {
        source.context().progress().step(label(), p.path().substring(p.path().lastIndexOf('/') + 1));
        source.context().fetcher().fetchVerified(URI.create(p.url()), p.sha256(), p.size());
    }

    @Override
    public List<ExtractedLibrary> libraries(PackageRef p, LibrarySelector selector) throws IOException {
        source.context().progress().step(label(), "reading " + p.name());
        Path rpm = source.context().fetcher().fetchVerified(URI.create(p.url()), p.sha256(), p.size());
        Keyring keyring = source.packageKeyring();
        List<ExtractedLibrary> libs;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(rpm), 1 << 16)) {
            libs = RpmReader.readLibraries(in, selector, h -> check(p, h, keyring));
        } catch (IOException e) {
            throw new IOException(p.path() + ": " + e.getMessage(), e);
        }
        if (p.libc() && libs.stream().noneMatch(l -> l.soname().startsWith("libc.so."))) {
            throw new IOException(p.path() + ": no libc.so.6 in the package");
        }
        return libs;
    }

    /** The header says what primary said, and (with gpgcheck) carries a good signature. */
    private static void check(PackageRef p, RpmHeader h, Keyring keyring) throws IOException {
        if (!h.name().equals(p.name()) || !RpmVersion.parse(h.evr()).equals(RpmVersion.parse(p.version()))) {
            throw new IOException("header says " + h.nevra() + " where primary.xml says " + p.name() + " "
                    + p.version());
        }
        if (keyring != null) {
            RpmSignatures.verify(keyring, h.nevra(), h.headerBytes(), h.headerSignatures());
        }
    }
}
