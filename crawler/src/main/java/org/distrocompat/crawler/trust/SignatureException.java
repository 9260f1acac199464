package org.distrocompat.crawler.trust;

import java.io.IOException;

/**
 * Signed metadata (an apt Release, an rpm-md repomd.xml) whose OpenPGP signature does not verify against the
 * source's keyring.
 */
public class SignatureException extends IOException {
    public SignatureException(String message) {
        super(message);
    }

    public SignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
