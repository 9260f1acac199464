package org.distrocompat.crawler.source;

import java.net.URI;

/** A mirror URL from the configuration or the command line: parsed, and http or https only. */
public final class MirrorUrls {
    private MirrorUrls() {
    }

    /** The URL {@code url} names; a malformed or non-HTTP(S) one is one clear configuration error. */
    public static URI require(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceConfigException("bad mirror URL '" + url + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new SourceConfigException("mirror URL must be http or https: '" + url + "'");
        }
        return uri;
    }
}
