package org.distrocompat.crawler.source;

import java.io.IOException;
import java.util.List;
import org.distrocompat.crawler.trust.BundledKeyrings;
import org.distrocompat.crawler.trust.Keyring;

/** The keyring a source's configuration names: its files and {@code bundled:NAME} keyrings that exist, loaded. */
public final class SourceKeyrings {
    private SourceKeyrings() {
    }

    /**
     * Loads the configured keyrings of source {@code name} that exist; none existing is one clear error ending in
     * {@code hint} (what to pass instead).
     */
    public static Keyring load(String name, List<String> references, String hint) {
        List<String> present = references.stream().filter(BundledKeyrings::exists).toList();
        if (present.isEmpty()) {
            throw new SourceConfigException("no keyring for " + name + ": "
                    + (references.isEmpty() ? "none configured" : "none of " + String.join(", ", references) + " exists")
                    + "; " + hint);
        }
        try {
            return Keyring.loadReferences(present);
        } catch (IOException e) {
            throw new SourceConfigException(e.getMessage());
        }
    }
}
