package org.distrocompat.db.snapshot;

import java.util.List;
import java.util.TreeSet;

/**
 * A base library as the loader finds it on one crawled release x arch: its soname, the package that ships it
 * (with the source package's name and version, e.g. gcc-12 12.2.0-14, and that version's upstream part as the
 * source adapter read it, 12.2.0) and every version name it defines (sorted; the BASE entry excluded).
 */
public record SnapshotLibrary(String soname, String packageName, String packageVersion, String sourceName,
        String sourceVersion, String sourceUpstreamVersion, List<String> versions) {

    public SnapshotLibrary {
        versions = List.copyOf(versions);
    }

    static final class Builder {
        final String soname;
        String packageName;
        String packageVersion;
        String sourceName;
        String sourceVersion;
        String sourceUpstreamVersion;
        final TreeSet<String> versions = new TreeSet<>();

        Builder(String soname) {
            this.soname = soname;
        }

        /** The first package seen wins; a stable choice when two current packages ship one soname. */
        void pkg(String name, String version, String srcName, String srcVersion, String srcUpstream) {
            if (packageName == null || name.compareTo(packageName) < 0) {
                packageName = name;
                packageVersion = version;
                sourceName = srcName;
                sourceVersion = srcVersion;
                sourceUpstreamVersion = srcUpstream;
            }
        }

        SnapshotLibrary build() {
            return new SnapshotLibrary(soname, packageName, packageVersion, sourceName, sourceVersion,
                    sourceUpstreamVersion, List.copyOf(versions));
        }
    }
}
