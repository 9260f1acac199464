package org.distrocompat.crawler.archive;

import java.util.List;

/**
 * What an RPM package's lead and headers say about it, as read by {@link RpmReader}: its identity, how its payload is
 * compressed, and the bytes a signature check needs.
 *
 * @param epoch             the EPOCH tag, or null when the package has none
 * @param sourceRpm         the SOURCERPM tag ("gcc-12.2.1-4.fc40.src.rpm")
 * @param payloadCompressor the PAYLOADCOMPRESSOR tag ("gzip", "xz", "zstd", ...)
 * @param payloadDigest     the PAYLOADDIGEST tag (hex digest of the compressed payload), or null in packages built before
 *                          rpm 4.14; {@link RpmReader} checks it while it streams the payload
 * @param headerBytes       the main header as stored, from its magic to the end of its data: what a header-only
 *                          OpenPGP signature signs
 * @param headerSignatures  the header-only OpenPGP signatures of the signature header (the RSA tag 268 and the DSA tag
 *                          267, which also holds EdDSA and ECDSA signatures); empty for an unsigned package
 * @param headerSha256      the SHA256 of the main header the signature header lists (tag 273), or null
 */
public record RpmHeader(String name, Integer epoch, String version, String release, String arch, String sourceRpm,
        String payloadCompressor, String payloadDigest, byte[] headerBytes, List<byte[]> headerSignatures,
        String headerSha256) {

    public RpmHeader {
        headerSignatures = List.copyOf(headerSignatures);
    }

    /** "2.36-9.fc40", with "1:" before it when the package has an epoch. */
    public String evr() {
        return (epoch == null ? "" : epoch + ":") + version + "-" + release;
    }

    /** "glibc-2.36-9.fc40.x86_64", as rpm -q names a package. */
    public String nevra() {
        return name + "-" + evr() + "." + arch;
    }
}
