package org.distrocompat.crawler.run;

/** Bad crawl input the user can fix (no mirror, missing keyring, unknown source or architecture): one line. */
public class CrawlConfigException extends IllegalArgumentException {
    public CrawlConfigException(String message) {
        super(message);
    }
}
