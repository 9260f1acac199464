package org.distrocompat.crawler.fetch;

import java.net.URI;

/** Downloaded content whose size or SHA256 is not what the signed index says. */
class IntegrityException extends FetchException {
    public IntegrityException(URI uri, String message) {
        super(uri, -1, message);
    }
}
