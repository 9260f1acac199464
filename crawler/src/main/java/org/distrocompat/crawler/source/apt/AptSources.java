package org.distrocompat.crawler.source.apt;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the host's apt sources (deb822 {@code *.sources} and one-line {@code *.list}) to find the mirror a
 * distribution's packages come from on this machine, and whether apt checks the Valid-Until of its Release files
 * there (a mirror taken from the host is trusted as the host's apt trusts it).
 */
final class AptSources {
    /** {@code Acquire::Check-Valid-Until "false";} in apt.conf or apt.conf.d (the flat form apt documents). */
    private static final Pattern CHECK_VALID_UNTIL =
            Pattern.compile("(?im)^\\s*Acquire::Check-Valid-Until\\s+\"([^\"]*)\"\\s*;");

    /**
     * One "deb" source: a mirror URI with its suites, components and Signed-By keyring (may be null), and its own
     * Check-Valid-Until option (null when it sets none).
     */
    public record Entry(URI uri, List<String> suites, List<String> components, String signedBy, Path file,
            Boolean checkValidUntil) {
    }

    private final List<Entry> entries;
    private final boolean checkValidUntil;

    private AptSources(List<Entry> entries, boolean checkValidUntil) {
        this.entries = List.copyOf(entries);
        this.checkValidUntil = checkValidUntil;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Reads {@code etcApt/sources.list} and {@code etcApt/sources.list.d/*.{list,sources}}; missing files are fine. */
    public static AptSources read(Path etcApt) {
        List<Entry> out = new ArrayList<>();
        Path list = etcApt.resolve("sources.list");
        if (Files.isRegularFile(list)) {
            out.addAll(readQuietly(list));
        }
        Path d = etcApt.resolve("sources.list.d");
        if (Files.isDirectory(d)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                ds.forEach(files::add);
            } catch (IOException e) {
                // unreadable directory: no entries from it
            }
            files.sort(null);
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(".list") || n.endsWith(".sources")) {
                    out.addAll(readQuietly(f));
                }
            }
        }
        return new AptSources(out, confCheckValidUntil(etcApt));
    }

    /**
     * apt's {@code Acquire::Check-Valid-Until} (default true) as the host's configuration sets it: the files of
     * {@code apt.conf.d} in name order, then {@code apt.conf}, the last setting winning, as apt reads them.
     */
    static boolean confCheckValidUntil(Path etcApt) {
        List<Path> files = new ArrayList<>();
        Path parts = etcApt.resolve("apt.conf.d");
        if (Files.isDirectory(parts)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parts)) {
                ds.forEach(files::add);
            } catch (IOException e) {
                // unreadable directory: apt's default
            }
            files.sort(null);
        }
        files.add(etcApt.resolve("apt.conf"));
        Boolean value = null;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                Matcher m = CHECK_VALID_UNTIL.matcher(Files.readString(f));
                while (m.find()) {
                    value = bool(m.group(1)).orElse(value);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable or not text: it sets nothing
            }
        }
        return value == null || value;
    }

    /** apt's boolean words. */
    static Optional<Boolean> bool(String s) {
        return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1", "enable" -> Optional.of(true);
            case "false", "no", "off", "0", "disable" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Whether apt checks Valid-Until for this entry: its own option, else the host's apt configuration. */
    public boolean checkValidUntil(Entry e) {
        return e.checkValidUntil() != null ? e.checkValidUntil() : checkValidUntil;
    }

    private static List<Entry> readQuietly(Path f) {
        try {
            String text = Files.readString(f);
            return f.getFileName().toString().endsWith(".sources") ? parseDeb822(text, f) : parseOneLine(text, f);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** deb822 format: Types, URIs, Suites, Components, Signed-By, Enabled. */
    public static List<Entry> parseDeb822(String text, Path file) {
        List<Entry> out = new ArrayList<>();
        for (Map<String, String> p : Deb822.parse(text)) {
            if (!Deb822.words(p.get("types")).contains("deb") || "no".equalsIgnoreCase(p.getOrDefault("enabled", "yes"))) {
                continue;
            }
            String raw = p.get("signed-by");
            // an inline key block is not a file we can point at
            String signedBy = raw == null || raw.contains("BEGIN PGP") ? null : firstWord(raw);
            Boolean check = bool(p.get("check-valid-until")).orElse(null);
            for (String u : Deb822.words(p.get("uris"))) {
                uri(u).ifPresent(uri -> out.add(new Entry(uri, Deb822.words(p.get("suites")),
                        Deb822.words(p.get("components")), signedBy, file, check)));
            }
        }
        return out;
    }

    /** One-line format: {@code deb [options] URI suite [component...]}. */
    public static List<Entry> parseOneLine(String text, Path file) {
        List<Entry> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("#.*$", "").strip();
            if (!line.startsWith("deb ") && !line.startsWith("deb\t")) {
                continue;
            }
            String rest = line.substring(3).strip();
            String signedBy = null;
            Boolean check = null;
            if (rest.startsWith("[")) {
                int end = rest.indexOf(']');
                if (end < 0) {
                    continue;
                }
                for (String opt : rest.substring(1, end).strip().split("\\s+")) {
                    if (opt.startsWith("signed-by=")) {
                        signedBy = opt.substring("signed-by=".length());
                    } else if (opt.startsWith("check-valid-until=")) {
                        check = bool(opt.substring("check-valid-until=".length())).orElse(null);
                    }
                }
                rest = rest.substring(end + 1).strip();
            }
            List<String> w = Deb822.words(rest);
            if (w.size() < 2) {
                continue;
            }
            String sb = signedBy;
            Boolean cv = check;
            uri(w.get(0)).ifPresent(uri -> out.add(new Entry(uri, List.of(w.get(1)), w.subList(2, w.size()), sb, file,
                    cv)));
        }
        return out;
    }

    /**
     * The mirror of an archive whose URI path ends in {@code /<name>} ("debian", "ubuntu", "ubuntu-ports"), so
     * security archives ("debian-security") and others do not match. Only http and https mirrors count.
     */
    public Optional<URI> mirrorFor(String name) {
        return entryFor(name).map(e -> URI.create(e.uri().toString().replaceAll("/+$", "")));
    }

    /** The entry {@link #mirrorFor} takes its URI from. */
    public Optional<Entry> entryFor(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Entry e : entries) {
            String scheme = e.uri().getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                continue;
            }
            String path = e.uri().getPath() == null ? "" : e.uri().getPath().replaceAll("/+$", "");
            String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (last.equals(wanted)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static Optional<URI> uri(String s) {
        try {
            URI u = URI.create(s.strip());
            return u.getScheme() == null ? Optional.empty() : Optional.of(u);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String firstWord(String s) {
        List<String> w = Deb822.words(s);
        return w.isEmpty() ? null : w.get(0);
    }
}
