package org.distrocompat.crawler.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What GNU binutils say about an ELF file, for comparing with what the crawler stored: nm -D and readelf -V. */
public final class BinutilsTool {
    private static final Pattern DEF = Pattern.compile(
            "^\\s+(?:0x)?[0-9a-f]+: Rev: \\d+\\s+Flags: (\\S+)\\s+Index: \\d+\\s+Cnt: \\d+\\s+Name: (\\S+)$");

    private BinutilsTool() {
    }

    /** The non-BASE version definition names {@code readelf -V -W} prints. */
    public static Set<String> versionDefinitions(Path f) throws IOException, InterruptedException {
        Set<String> out = new TreeSet<>();
        boolean inDefs = false;
        for (String line : run("readelf", "-V", "-W", f.toString())) {
            if (line.startsWith("Version definition section")) {
                inDefs = true;
            } else if (line.startsWith("Version needs section") || line.startsWith("Version symbols section")) {
                inDefs = false;
            } else if (inDefs) {
                Matcher m = DEF.matcher(line);
                if (m.matches() && !m.group(1).contains("BASE")) {
                    out.add(m.group(2));
                }
            }
        }
        return out;
    }

    /**
     * The exported dynamic symbols {@code nm -D --defined-only} prints, as "name", "name@VERSION" (hidden) or
     * "name@@VERSION"; a version's own absolute symbol, which nm prints bare, as "NAME@@NAME".
     */
    public static Set<String> exports(Path f) throws IOException, InterruptedException {
        Set<String> defs = versionDefinitions(f);
        Set<String> out = new TreeSet<>();
        for (String line : run("nm", "-D", "--defined-only", f.toString())) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 3) {
                continue;
            }
            String name = parts[2];
            out.add(!name.contains("@") && parts[1].equals("A") && defs.contains(name) ? name + "@@" + name : name);
        }
        return out;
    }

    public static List<String> run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return List.of(out.split("\n"));
    }
}
