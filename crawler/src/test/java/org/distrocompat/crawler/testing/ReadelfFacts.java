package org.distrocompat.crawler.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code readelf} (binutils) says a library defines and exports, in the form the database stores it: the crawl
 * tests compare stored facts with these.
 */
public final class ReadelfFacts {
    public static final Path READELF = Path.of("/usr/bin/readelf");

    private ReadelfFacts() {
    }

    public static boolean available() {
        return Files.isExecutable(READELF);
    }

    private static final Pattern DEF = Pattern.compile(
            "^\\s+(?:0x)?[0-9a-f]+: Rev: \\d+\\s+Flags: \\S+\\s+Index: (\\d+)\\s+Cnt: \\d+\\s+Name: (\\S+)$");

    /** "INDEX NAME" of every version definition (.gnu.version_d), the base entry included. */
    public static Set<String> definitions(Path f) throws IOException, InterruptedException {
        Set<String> out = new TreeSet<>();
        boolean inDefs = false;
        for (String line : run(READELF.toString(), "-V", "-W", f.toString())) {
            if (line.startsWith("Version definition section")) {
                inDefs = true;
            } else if (line.startsWith("Version needs section") || line.startsWith("Version symbols section")) {
                inDefs = false;
            } else if (inDefs) {
                Matcher m = DEF.matcher(line);
                if (m.matches()) {
                    out.add(m.group(1) + " " + m.group(2));
                }
            }
        }
        return out;
    }

    /** The version names alone, without the base entry (the file's own name). */
    public static Set<String> versionNames(Path f) throws IOException, InterruptedException {
        Set<String> out = new TreeSet<>();
        for (String d : definitions(f)) {
            if (!d.startsWith("1 ")) {
                out.add(d.substring(d.indexOf(' ') + 1));
            }
        }
        return out;
    }

    // Num: Value Size Type Bind Vis [other flags such as VARIANT_PCS] Ndx Name
    private static final Pattern SYM = Pattern.compile(
            "^\\s*\\d+: \\S+\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+\\S+(?:\\s+\\[[^\\]]*\\])?\\s+(\\S+)\\s+(\\S.*)$");

    /** "NAME@VERSION" of every exported dynamic symbol ("NAME@" when unversioned). */
    public static Set<String> exports(Path f) throws IOException, InterruptedException {
        Set<String> definitions = new HashSet<>();
        definitions(f).forEach(d -> definitions.add(d.substring(d.indexOf(' ') + 1)));
        Set<String> out = new HashSet<>();
        for (String line : run(READELF.toString(), "--dyn-syms", "-W", f.toString())) {
            Matcher m = SYM.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String bind = m.group(1);
            String ndx = m.group(2);
            if (ndx.equals("UND") || bind.equals("LOCAL")) {
                continue;
            }
            String name = m.group(3);
            int at = name.indexOf('@');
            String sym = at < 0 ? name : name.substring(0, at);
            // readelf prints a version's own ABS symbol (GLIBC_2.3 bound to GLIBC_2.3) without "@VERSION"
            String version = at < 0 ? (definitions.contains(name) ? name : "") : name.substring(name.lastIndexOf('@') + 1);
            int paren = version.indexOf(" (");
            if (paren >= 0) {
                version = version.substring(0, paren);
            }
            out.add(sym + "@" + version);
        }
        return out;
    }

    private static List<String> run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        return lines;
    }
}
