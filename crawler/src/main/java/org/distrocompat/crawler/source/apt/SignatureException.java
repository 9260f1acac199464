package org.distrocompat.crawler.source.apt;

import java.io.IOException;

/** A Release file whose OpenPGP signature cannot be verified against the source's keyring. */
public class SignatureException extends IOException {
    public SignatureException(String message) {
        super(message);
    }

    public SignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
