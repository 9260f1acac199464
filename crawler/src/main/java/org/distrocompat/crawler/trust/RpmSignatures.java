package org.distrocompat.crawler.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * dnf's package check ({@code gpgcheck}): an RPM's header carries OpenPGP signatures over the header alone (RSA in one
 * tag, DSA, ECDSA and EdDSA in another); the header in turn holds the digest of the payload, so a good header
 * signature vouches for the whole package once that digest is checked. A package is accepted when it carries at least
 * one such signature and every one it carries verifies against the keyring.
 */
public final class RpmSignatures {
    private RpmSignatures() {
    }

    /**
     * @param what       the package, for messages ("glibc-2.36-9.fc40.x86_64")
     * @param header     the main header's bytes as stored
     * @param signatures the header-only signatures of the signature header
     */
    public static void verify(Keyring keyring, String what, byte[] header, List<byte[]> signatures)
            throws SignatureException {
        if (signatures.isEmpty()) {
            throw new SignatureException(what + ": package is not signed (gpgcheck is on for this source)");
        }
        List<String> problems = new ArrayList<>();
        for (byte[] sig : signatures) {
            try {
                keyring.verifyDetached(header, sig);
            } catch (SignatureException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new SignatureException(what + ": header signature: " + String.join("; ", problems));
        }
    }
}
