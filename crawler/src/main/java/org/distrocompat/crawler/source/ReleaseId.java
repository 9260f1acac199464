package org.distrocompat.crawler.source;

import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * A release's identity and facts as a source reads them from its archive, in the form the database keys releases
 * on: {@code distro} a lower-case id, {@code version} the release's number ("12", "22.04", "9") or the name of a
 * moving suite ("testing", "rawhide"), {@code codename} beside it when there is one.
 */
public record ReleaseId(String distro, String displayName, String version, String codename, ReleaseStatus status,
        Libc libc) {

    /** "debian 12 (bookworm)", "fedora 40". */
    public String label() {
        return distro + " " + version + (codename == null || codename.equals(version) ? "" : " (" + codename + ")");
    }
}
