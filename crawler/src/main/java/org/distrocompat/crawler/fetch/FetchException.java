package org.distrocompat.crawler.fetch;

import java.io.IOException;
import java.net.URI;

/** A download that failed for good: an HTTP status other than 200, a network fault after retries, or bad content. */
public class FetchException extends IOException {
    private final URI uri;
    private final int status;

    public FetchException(URI uri, int status, String message) {
        super(message);
        this.uri = uri;
        this.status = status;
    }

    public FetchException(URI uri, String message, Throwable cause) {
        super(message, cause);
        this.uri = uri;
        this.status = -1;
    }

    public URI uri() {
        return uri;
    }

    /** The HTTP status, or -1 when the request did not get one. */
    public int status() {
        return status;
    }

    /** True when the server answered that the file is not there (404 or 410). */
    public boolean notFound() {
        return status == 404 || status == 410;
    }
}
