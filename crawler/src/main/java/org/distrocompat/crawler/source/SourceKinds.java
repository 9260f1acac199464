package org.distrocompat.crawler.source;

import java.util.LinkedHashMap;
import java.util.Map;
import org.distrocompat.crawler.source.apk.ApkSourceConfig;
import org.distrocompat.crawler.source.apt.AptSourceConfig;
import org.distrocompat.crawler.source.pacman.PacmanSourceConfig;
import org.distrocompat.crawler.source.rpm.RpmSourceConfig;

/**
 * The archive kinds distrocompat can crawl, by the {@code "type"} of a source entry. Registering a kind is one line
 * here: its name and its configuration record (which knows how to open the source).
 */
final class SourceKinds {
    private static final Map<String, Class<? extends SourceConfig>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("apt", AptSourceConfig.class);
        KINDS.put("apk", ApkSourceConfig.class);
        KINDS.put("pacman", PacmanSourceConfig.class);
        KINDS.put("rpm", RpmSourceConfig.class);
    }

    /** The kind a source entry without {@code "type"} has: every entry written before types existed was apt. */
    public static final String DEFAULT = "apt";

    private SourceKinds() {
    }

    /** The configuration record of a kind; a one-line error listing the known kinds otherwise. */
    static Class<? extends SourceConfig> configClass(String type, String sourceName) {
        Class<? extends SourceConfig> c = KINDS.get(type);
        if (c == null) {
            throw new SourceConfigException("source '" + sourceName + "' has unknown type '" + type + "'; known: "
                    + String.join(", ", KINDS.keySet()));
        }
        return c;
    }
}
