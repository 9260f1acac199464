package org.distrocompat.crawler.source.pep600;

import org.distrocompat.db.error.UserException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pep600_compliance record's file name ({@code <distro>-<version>.json}) says about the release.
 *
 * <p>The rule: the distro id is everything before the <em>last</em> '-' that is followed by a digit
 * ({@code opensuse-leap-15.6} is opensuse-leap 15.6, {@code amazonlinux-2023} is amazonlinux 2023). Without
 * such a '-', the text after the last '-' is the release when it is a moving channel's name (latest, rawhide,
 * tumbleweed, sisyphus, edge, testing, unstable, ...). Otherwise letters followed by a number split into
 * distro and number ({@code centos-stream9} is centos-stream 9), except for distros whose releases are named
 * that way ({@code alt-p10} is alt p10). Anything else (e.g. {@code debian-bullseye}) keeps the last part as
 * the release name with status {@code unknown}.
 *
 * <p>Status: moving channels are rolling (latest, rawhide, tumbleweed, sisyphus, edge, unstable, sid,
 * current, cauldron, rolling) or devel (testing, experimental, devel); dated snapshots of rolling distros
 * (archlinux-20191006) are rolling; numbered releases are supported (the dataset does not say which are
 * end-of-life).
 */
public record Pep600Name(String distro, String release, String status) {

    private static final Set<String> ROLLING = Set.of("latest", "rawhide", "tumbleweed", "sisyphus", "edge",
            "unstable", "sid", "current", "cauldron", "rolling");
    private static final Set<String> DEVEL = Set.of("testing", "experimental", "devel");
    /** Distros that are rolling whatever the file calls the snapshot. */
    private static final Set<String> ROLLING_DISTROS = Set.of("archlinux", "gentoo", "void");
    /** Distros whose release names are letters + number, kept whole (ALT Linux branches p9, p10, p11). */
    private static final Set<String> LETTERED_RELEASES = Set.of("alt");
    private static final Pattern LETTERS_NUMBER = Pattern.compile("([a-z]+)(\\d[0-9a-z._]*)");

    private static final Map<String, String> DISPLAY = Map.ofEntries(
            Map.entry("almalinux", "AlmaLinux"), Map.entry("alpine", "Alpine Linux"), Map.entry("alt", "ALT Linux"),
            Map.entry("amazonlinux", "Amazon Linux"), Map.entry("anolisos", "Anolis OS"),
            Map.entry("archlinux", "Arch Linux"), Map.entry("centos", "CentOS"),
            Map.entry("centos-stream", "CentOS Stream"), Map.entry("clearlinux", "Clear Linux"),
            Map.entry("clefos", "ClefOS"), Map.entry("debian", "Debian"), Map.entry("fedora", "Fedora"),
            Map.entry("mageia", "Mageia"), Map.entry("manylinux", "manylinux build image"),
            Map.entry("opencloudos", "OpenCloudOS"), Map.entry("openeuler", "openEuler"),
            Map.entry("opensuse", "openSUSE"), Map.entry("oraclelinux", "Oracle Linux"),
            Map.entry("photon", "Photon OS"), Map.entry("rhubi", "Red Hat UBI"),
            Map.entry("rockylinux", "Rocky Linux"), Map.entry("slackware", "Slackware"),
            Map.entry("ubuntu", "Ubuntu"));

    /** Parses a file name with or without ".json"; fails on a name that has no distro part. */
    public static Pep600Name parse(String fileName) {
        String stem = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        stem = stem.toLowerCase(Locale.ROOT);
        int cut = -1;
        for (int i = stem.length() - 2; i > 0; i--) {
            if (stem.charAt(i) == '-' && Character.isDigit(stem.charAt(i + 1))) {
                cut = i;
                break;
            }
        }
        if (cut > 0) {
            String distro = stem.substring(0, cut);
            String release = stem.substring(cut + 1);
            return new Pep600Name(distro, release, ROLLING_DISTROS.contains(distro) ? "rolling" : "supported");
        }
        int dash = stem.lastIndexOf('-');
        if (dash <= 0 || dash == stem.length() - 1) {
            throw new UserException("cannot tell distro and release apart in '" + fileName
                    + "' (expected <distro>-<version>.json)");
        }
        String base = stem.substring(0, dash);
        String rest = stem.substring(dash + 1);
        if (ROLLING.contains(rest)) {
            return new Pep600Name(base, rest, "rolling");
        }
        if (DEVEL.contains(rest)) {
            return new Pep600Name(base, rest, "devel");
        }
        Matcher m = LETTERS_NUMBER.matcher(rest);
        if (m.matches()) {
            String status = ROLLING_DISTROS.contains(base) ? "rolling" : "supported";
            return LETTERED_RELEASES.contains(base) ? new Pep600Name(base, rest, status)
                    : new Pep600Name(base + "-" + m.group(1), m.group(2), status);
        }
        return new Pep600Name(base, rest, ROLLING_DISTROS.contains(base) ? "rolling" : "unknown");
    }

    /** A human name for the distro id ("openSUSE", "Rocky Linux"); unknown ids are capitalised. */
    public String displayName() {
        String known = DISPLAY.get(distro);
        if (known != null) {
            return known;
        }
        return Character.toUpperCase(distro.charAt(0)) + distro.substring(1);
    }

    /** distro-release, as the dataset and the policy explanations name it (photon-3.0). */
    public String label() {
        return distro + "-" + release;
    }
}
