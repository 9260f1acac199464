package org.distrocompat.crawler.source;

import java.util.List;

/**
 * One configured source, as {@code sources.json} (or the built-in catalog) describes it. Every kind of archive has
 * its own record (selected by the entry's {@code "type"}, see {@link SourceKinds}); these are the fields every
 * kind has and the two things the crawl asks of any of them.
 */
public interface SourceConfig {

    /** The archive kind ("apt"), the value of the entry's {@code "type"}. */
    String type();

    /** The name used with {@code --source}. */
    String name();

    /** The distro id stored in the database (debian, ubuntu, fedora, …). */
    String distro();

    /** Architectures to crawl (distro or wheel names); empty: every one the archive serves that wheels know. */
    List<String> architectures();

    /** Sonames to store besides glibc's base libraries, libstdc++ and libgcc_s (libatomic.so.1, libz.so.1, …). */
    List<String> libraries();

    /** Cells crawled at once. */
    int parallelism();

    /**
     * This configuration with a crawl request's overrides applied, validated and completed (e.g. a mirror taken from
     * the host's configuration). Problems are a {@link SourceConfigException} with one line.
     */
    SourceConfig withOverrides(Overrides overrides);

    /**
     * Checks what can be checked before a crawl opens the database or the network (keyrings present and readable),
     * so bad input fails first, in one line.
     */
    void validate();

    /** The source this configuration describes, ready to list its cells. */
    PackageSource open(SourceContext context);
}
