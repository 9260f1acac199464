package org.distrocompat.crawler.store;

import java.util.List;

/**
 * A package listed for a release x arch.
 *
 * @param libraries the libraries read from the .deb, or null when a package with this SHA256 is already
 *                  stored (its library links are then copied, nothing is downloaded)
 */
public record PackageFacts(String name, String version, String sourceName, String sourceVersion, String sha256,
        long size, String url, List<LibraryFacts> libraries) {
}
