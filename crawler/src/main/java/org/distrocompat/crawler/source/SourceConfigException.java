package org.distrocompat.crawler.source;

import org.distrocompat.db.error.UserException;

/** A source configuration or crawl request that cannot be used: unknown source, bad mirror URL, missing keyring. */
public class SourceConfigException extends UserException {
    private static final long serialVersionUID = 1L;

    public SourceConfigException(String message) {
        super(message);
    }
}
