package org.distrocompat.crawler.source.apt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.crawler.trust.SignatureException;
import org.distrocompat.crawler.archive.Decompression;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.HttpFetcher;
import org.distrocompat.crawler.fetch.Sha256;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One apt archive (a mirror's base URL) read the way apt reads it: signed InRelease (or Release +
 * Release.gpg) checked against a keyring, every index checked against the SHA256 the signed file lists,
 * by-hash paths when the Release says Acquire-By-Hash, packages checked against their index's SHA256.
 */
final class AptRepository {
    private static final Pattern SUITE_NAME = Pattern.compile("[a-z][a-z0-9.]*");

    private final URI base;
    private final HttpFetcher fetcher;
    private final Keyring keyring;
    private final boolean acceptExpired;

    /** {@code keyring} null: the source is configured as unsigned and signatures are not checked. */
    public AptRepository(URI base, HttpFetcher fetcher, Keyring keyring) {
        this(base, fetcher, keyring, false);
    }

    /**
     * @param acceptExpired Release files past their Valid-Until are accepted: an archive of retired releases, or a
     *                      mirror with Check-Valid-Until off (apt refuses them unless told otherwise, and so does
     *                      every other source)
     */
    public AptRepository(URI base, HttpFetcher fetcher, Keyring keyring, boolean acceptExpired) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.fetcher = fetcher;
        this.keyring = keyring;
        this.acceptExpired = acceptExpired;
    }

    public URI base() {
        return base;
    }

    /** The mirror URL without a trailing slash, as recorded in the database. */
    public String location() {
        String s = base.toString();
        return s.substring(0, s.length() - 1);
    }

    public URI resolve(String relative) {
        return base.resolve(relative);
    }

    /**
     * The verified Release of {@code dists/<suite>}. Throws {@link FetchException} (404) when the mirror does
     * not serve the suite and {@link SignatureException} when its signature does not verify.
     */
    public ReleaseFile release(String suite) throws IOException {
        URI inRelease = resolve("dists/" + suite + "/InRelease");
        byte[] raw;
        try {
            raw = fetcher.fetchBytes(inRelease);
        } catch (FetchException e) {
            if (!e.notFound()) {
                throw e;
            }
            return detachedRelease(suite);
        }
        String text;
        if (keyring != null) {
            try {
                text = keyring.verifyInline(raw);
            } catch (SignatureException e) {
                throw new SignatureException(inRelease + ": " + e.getMessage(), e);
            }
        } else {
            text = unsignedText(raw);
        }
        return fresh(ReleaseFile.parse(text, Sha256.hex(raw)), inRelease);
    }

    /** The Release, unless it is past its Valid-Until and expired Releases are not accepted here. */
    private ReleaseFile fresh(ReleaseFile r, URI uri) throws SignatureException {
        if (!acceptExpired && r.validUntil() != null && r.validUntil().isBefore(OffsetDateTime.now())) {
            throw new SignatureException(uri + ": expired on " + r.validUntil().toLocalDate() + " (Valid-Until); only "
                    + "a source marked \"archived\", or a mirror with Check-Valid-Until off (as apt's "
                    + "Acquire::Check-Valid-Until), accepts that");
        }
        return r;
    }

    private ReleaseFile detachedRelease(String suite) throws IOException {
        URI release = resolve("dists/" + suite + "/Release");
        byte[] raw = fetcher.fetchBytes(release);
        if (keyring != null) {
            URI gpg = resolve("dists/" + suite + "/Release.gpg");
            byte[] sig;
            try {
                sig = fetcher.fetchBytes(gpg);
            } catch (FetchException e) {
                throw new SignatureException(release + " has neither InRelease nor Release.gpg");
            }
            try {
                keyring.verifyDetached(raw, sig);
            } catch (SignatureException e) {
                throw new SignatureException(gpg + ": " + e.getMessage(), e);
            }
        }
        return fresh(ReleaseFile.parse(new String(raw, StandardCharsets.UTF_8), Sha256.hex(raw)), release);
    }

    private static String unsignedText(byte[] raw) throws SignatureException {
        String s = new String(raw, StandardCharsets.UTF_8);
        if (!s.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")) {
            return s;
        }
        int start = s.indexOf("\n\n");
        int end = s.indexOf("\n-----BEGIN PGP SIGNATURE-----");
        if (start < 0 || end < 0) {
            throw new SignatureException("malformed clear-signed file");
        }
        StringBuilder sb = new StringBuilder();
        for (String line : s.substring(start + 2, end).split("\n", -1)) {
            sb.append(line.startsWith("- ") ? line.substring(2) : line).append('\n');
        }
        return sb.toString();
    }

    /** The suite names a {@code dists/} directory listing shows (empty when the mirror serves none). */
    public List<String> listSuites() throws IOException {
        byte[] html;
        try {
            html = fetcher.fetchBytes(resolve("dists/"));
        } catch (FetchException e) {
            if (e.notFound() || e.status() == 403) {
                return List.of();
            }
            throw e;
        }
        Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8), resolve("dists/").toString());
        List<String> out = new ArrayList<>();
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            if (href.startsWith("./")) {
                href = href.substring(2);
            }
            if (href.endsWith("/")) {
                href = href.substring(0, href.length() - 1);
            }
            if (SUITE_NAME.matcher(href).matches() && !out.contains(href)) {
                out.add(href);
            }
        }
        return out;
    }

    /** A Packages index chosen from the Release, downloaded (or taken from the cache) and verified. */
    public record Index(String path, ReleaseFile.Entry entry, Path file) {
    }

    /**
     * The Packages index of {@code component/binary-arch}, in the first of the compressions ("xz", "gz",
     * "bz2", "" for plain) the Release lists and the mirror serves.
     */
    public Index packagesIndex(String suite, ReleaseFile release, String component, String arch,
            List<String> compressions) throws IOException {
        String dir = component + "/binary-" + arch + "/";
        FetchException last = null;
        for (String c : compressions) {
            String path = dir + "Packages" + (c.isEmpty() ? "" : "." + c);
            ReleaseFile.Entry entry = release.entries().get(path);
            if (entry == null) {
                continue;
            }
            List<String> urls = new ArrayList<>();
            if (release.acquireByHash()) {
                urls.add("dists/" + suite + "/" + dir + "by-hash/SHA256/" + entry.sha256());
            }
            urls.add("dists/" + suite + "/" + path);
            for (String u : urls) {
                try {
                    return new Index(path, entry, fetcher.fetchVerified(resolve(u), entry.sha256(), entry.size()));
                } catch (FetchException e) {
                    if (!e.notFound()) {
                        throw e;
                    }
                    last = e;
                }
            }
        }
        if (last != null) {
            throw last;
        }
        throw new FetchException(resolve("dists/" + suite + "/" + dir), 404,
                "the Release of " + suite + " lists no Packages index for " + component + "/" + arch);
    }

    /** The entries of the wanted packages in a verified index. */
    public static List<PackageEntry> packages(Index index, Set<String> wanted) throws IOException {
        try (InputStream in = Decompression.open(index.path(), Files.newInputStream(index.file()))) {
            return new PackagesScanner(wanted).scan(in);
        }
    }

    /** A .deb the index lists, from the cache or downloaded and checked against the index's SHA256 and size. */
    Path deb(String filename, String sha256, long size) throws IOException {
        return fetcher.fetchVerified(resolve(filename), sha256, size);
    }

    /** The outcome of reading one suite's Release: the file, or why it could not be read. */
    public record ReleaseResult(String suite, ReleaseFile release, IOException error) {
    }

    /** Reads several suites' Release files at once (a few requests in parallel), in the order given. */
    public List<ReleaseResult> releases(List<String> suites) {
        if (suites.size() <= 1) {
            List<ReleaseResult> out = new ArrayList<>();
            for (String s : suites) {
                out.add(readRelease(s));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(4, suites.size()), r -> {
                    Thread t = new Thread(r, "release-fetch");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<ReleaseResult>> fs = new ArrayList<>();
            for (String s : suites) {
                fs.add(pool.submit(() -> readRelease(s)));
            }
            List<ReleaseResult> out = new ArrayList<>();
            for (var f : fs) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private ReleaseResult readRelease(String suite) {
        try {
            return new ReleaseResult(suite, release(suite), null);
        } catch (IOException e) {
            return new ReleaseResult(suite, null, e);
        } catch (RuntimeException e) {
            return new ReleaseResult(suite, null, new IOException(suite + ": " + e.getMessage(), e));
        }
    }
}
