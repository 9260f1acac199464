package org.distrocompat.crawler.source.rpm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.HttpFetcher;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.trust.Keyring;
import org.distrocompat.crawler.trust.SignatureException;

/**
 * One rpm-md repository (a directory with {@code repodata/}) read the way dnf reads it: repomd.xml, verified against
 * the keyring through repomd.xml.asc when the source checks metadata signatures; the primary it names checked
 * against repomd's SHA256; each package against primary's.
 *
 * @param name the repository's name in the source ("updates"), recorded as its packages' pocket
 * @param path the repository's path below the mirror
 */
record RpmRepository(String name, String path, URI base, HttpFetcher fetcher, Keyring metadataKeyring) {

    RpmRepository {
        String s = base.toString();
        base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    URI resolve(String relative) {
        return base.resolve(relative);
    }

    /** repodata/repomd.xml, verified when {@code metadataKeyring} is set. */
    RepoMd repomd() throws IOException {
        URI uri = resolve("repodata/repomd.xml");
        byte[] xml = fetcher.fetchBytes(uri);
        if (metadataKeyring != null) {
            URI asc = resolve("repodata/repomd.xml.asc");
            byte[] sig;
            try {
                sig = fetcher.fetchBytes(asc);
            } catch (FetchException e) {
                if (!e.notFound()) {
                    throw e;
                }
                throw new SignatureException(uri + " has no repomd.xml.asc (metadata signatures are checked for this "
                        + "source)");
            }
            try {
                metadataKeyring.verifyDetached(xml, sig);
            } catch (SignatureException e) {
                throw new SignatureException(asc + ": " + e.getMessage(), e);
            }
        }
        return RepoMd.parse(xml, Sha256.hex(xml));
    }

    /** The primary metadata file repomd names, from the cache or downloaded and checked. */
    Path primary(RepoMd md) throws IOException {
        RepoMd.Data d = md.data().get("primary");
        if (d == null) {
            throw new IOException(resolve("repodata/repomd.xml") + " lists no primary metadata");
        }
        if (!"sha256".equals(d.checksumType()) || !Sha256.isValid(d.checksum())) {
            throw new IOException(resolve("repodata/repomd.xml") + ": primary has a " + d.checksumType()
                    + " checksum; only sha256 is supported");
        }
        return fetcher.fetchVerified(resolve(d.location()), d.checksum(), d.size());
    }

    /** Where a package primary lists lives. */
    URI packageUri(PrimaryPackage p) {
        URI b = p.base() == null || p.base().isBlank() ? base : URI.create(p.base().endsWith("/") ? p.base()
                : p.base() + "/");
        return b.resolve(p.location());
    }
}
