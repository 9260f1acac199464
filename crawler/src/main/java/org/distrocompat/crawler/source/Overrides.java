package org.distrocompat.crawler.source;

import java.nio.file.Path;
import java.util.List;

/**
 * What a crawl request changes in a configured source. Empty lists and nulls change nothing.
 *
 * @param mirror        the mirror URL replacing the configured one (the first archive layout)
 * @param releases      the releases (apt suites, …) to crawl instead of the configured or discovered ones
 * @param architectures architectures (distro or wheel names)
 * @param keyrings      keyrings replacing the configured ones
 * @param unsigned      accept unsigned metadata (only ever switches it on)
 * @param hostAptDir    where the host's apt sources are (default /etc/apt): apt sources may take their mirror there
 */
public record Overrides(String mirror, List<String> releases, List<String> architectures, List<Path> keyrings,
        boolean unsigned, Path hostAptDir) {

    public Overrides {
        releases = releases == null ? List.of() : List.copyOf(releases);
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        keyrings = keyrings == null ? List.of() : List.copyOf(keyrings);
    }

    public static final Overrides NONE = new Overrides(null, List.of(), List.of(), List.of(), false, null);
}
