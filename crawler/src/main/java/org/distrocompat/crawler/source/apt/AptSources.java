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

/**
 * Reads the host's apt sources (deb822 {@code *.sources} and one-line {@code *.list}) to find the mirror a
 * distribution's packages come from on this machine.
 */
final class AptSources {

    /** One "deb" source: a mirror URI with its suites, components and Signed-By keyring (may be null). */
    public record Entry(URI uri, List<String> suites, List<String> components, String signedBy, Path file) {
    }

    private final List<Entry> entries;

    private AptSources(List<Entry> entries) {
        this.entries = List.copyOf(entries);
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
        return new AptSources(out);
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
            for (String u : Deb822.words(p.get("uris"))) {
                uri(u).ifPresent(uri -> out.add(new Entry(uri, Deb822.words(p.get("suites")),
                        Deb822.words(p.get("components")), signedBy, file)));
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
            if (rest.startsWith("[")) {
                int end = rest.indexOf(']');
                if (end < 0) {
                    continue;
                }
                for (String opt : rest.substring(1, end).strip().split("\\s+")) {
                    if (opt.startsWith("signed-by=")) {
                        signedBy = opt.substring("signed-by=".length());
                    }
                }
                rest = rest.substring(end + 1).strip();
            }
            List<String> w = Deb822.words(rest);
            if (w.size() < 2) {
                continue;
            }
            String sb = signedBy;
            uri(w.get(0)).ifPresent(uri -> out.add(new Entry(uri, List.of(w.get(1)), w.subList(2, w.size()), sb, file)));
        }
        return out;
    }

    /**
     * The mirror of an archive whose URI path ends in {@code /<name>} ("debian", "ubuntu", "ubuntu-ports"), so
     * security archives ("debian-security") and others do not match. Only http and https mirrors count.
     */
    public Optional<URI> mirrorFor(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Entry e : entries) {
            String scheme = e.uri().getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                continue;
            }
            String path = e.uri().getPath() == null ? "" : e.uri().getPath().replaceAll("/+$", "");
            String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (last.equals(wanted)) {
                return Optional.of(URI.create(e.uri().toString().replaceAll("/+$", "")));
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
