package org.distrocompat.crawler.source;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.distrocompat.crawler.fetch.FetchException;
import org.distrocompat.crawler.fetch.HttpFetcher;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The entries of a mirror's HTML directory listing (the index page web servers generate), for sources that discover
 * releases or architectures by looking: the link targets of the page, "./" and a trailing "/" removed, parent and
 * query links left out, in page order.
 */
public final class MirrorListing {
    private MirrorListing() {
    }

    /** The names listed at {@code directory} (a URI ending in "/"); empty when the mirror serves no listing there. */
    public static List<String> names(HttpFetcher fetcher, URI directory) throws IOException {
        byte[] html;
        try {
            html = fetcher.fetchBytes(directory);
        } catch (FetchException e) {
            if (e.notFound() || e.status() == 403) {
                return List.of();
            }
            throw e;
        }
        Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8), directory.toString());
        List<String> out = new ArrayList<>();
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            if (href.startsWith("./")) {
                href = href.substring(2);
            }
            if (href.endsWith("/")) {
                href = href.substring(0, href.length() - 1);
            }
            if (href.isEmpty() || href.contains("/") || href.contains("?") || href.startsWith("..")
                    || out.contains(href)) {
                continue;
            }
            out.add(href);
        }
        return out;
    }
}
