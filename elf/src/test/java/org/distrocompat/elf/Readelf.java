package org.distrocompat.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: runs {@code readelf -V -W} and parses its output into comparable lines. */
final class Readelf {
    static final Path READELF = Path.of("/usr/bin/readelf");

    private Readelf() {
    }

    static boolean available() {
        return Files.isExecutable(READELF);
    }

    /**
     * Version information in a normalised text form, equal for readelf's output and for an {@link ElfFile}.
     *
     * @param defs         one line per definition: index, flags, name, parents
     * @param needs        one line per needed file and per version needed
     * @param versym       the .gnu.version entries after entry 0 as "name" or "name h" (null name = none)
     * @param versymCount  the entry count readelf announces, -1 when there is no .gnu.version
     */
    record Versions(List<String> defs, List<String> needs, List<String> versym, int versymCount) {
    }

    static String flags(int f) {
        if (f == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        if ((f & 1) != 0) {
            sb.append("BASE");
        }
        if ((f & 2) != 0) {
            sb.append(sb.length() > 0 ? " | " : "").append("WEAK");
        }
        if ((f & 4) != 0) {
            sb.append(sb.length() > 0 ? " | " : "").append("INFO");
        }
        if ((f & ~7) != 0) {
            sb.append(sb.length() > 0 ? " | " : "").append("<unknown: ").append(Integer.toHexString(f & ~7))
                    .append('>');
        }
        return sb.toString();
    }

    static Versions of(ElfFile f) {
        List<String> defs = new ArrayList<>();
        for (VersionDefinition d : f.definitions()) {
            defs.add("Index " + d.index() + " Flags " + flags(d.flags()) + " Name " + d.name() + " Parents "
                    + d.parents());
        }
        List<String> needs = new ArrayList<>();
        for (VersionNeed n : f.requirements()) {
            needs.add("File " + n.file() + " Cnt " + n.versions().size());
            for (VersionNeedAux a : n.versions()) {
                needs.add("  Name " + a.name() + " Flags " + flags(a.flags()) + " Version " + a.other());
            }
        }
        List<String> vs = new ArrayList<>();
        for (DynamicSymbol s : f.symbols()) {
            vs.add(versymText(s.version(), s.hidden()));
        }
        return new Versions(defs, needs, vs, -1);
    }

    private static String versymText(String name, boolean hidden) {
        return (name == null ? "-" : name) + (hidden ? " h" : "");
    }

    private static final Pattern FILE = Pattern.compile("^File: (.*)$");
    private static final Pattern DEF = Pattern.compile(
            "^\\s+0x[0-9a-f]+: Rev: \\d+\\s+Flags: (.*?)\\s+Index: (\\d+)\\s+Cnt: (\\d+)\\s+Name: (.*)$");
    private static final Pattern DEF0 = Pattern.compile(
            "^\\s+0+: Rev: \\d+\\s+Flags: (.*?)\\s+Index: (\\d+)\\s+Cnt: (\\d+)\\s+Name: (.*)$");
    private static final Pattern PARENT = Pattern.compile("^\\s+0x[0-9a-f]+: Parent \\d+: (.*)$");
    private static final Pattern NEED = Pattern.compile(
            "^\\s+(?:0x)?[0-9a-f]+: Version: \\d+\\s+File: (.*?)\\s+Cnt: (\\d+)$");
    private static final Pattern AUX = Pattern.compile(
            "^\\s+0x[0-9a-f]+:\\s+Name: (.*?)\\s+Flags: (.*?)\\s+Version: (\\d+)$");
    private static final Pattern VERSYM_HEAD = Pattern.compile(
            "^Version symbols section '.*' contains (\\d+) entr(?:y|ies):$");
    private static final Pattern VERSYM_LINE = Pattern.compile("^\\s+[0-9a-f]+:(.*)$");
    private static final Pattern VERSYM_ENTRY = Pattern.compile("([0-9a-f]+)([h ])\\(([^)]*)\\)");

    /** Parses the output for one file (readelf -V -W of a single file, or one "File:" block). */
    static Versions parse(List<String> lines) {
        List<String> defs = new ArrayList<>();
        List<String> needs = new ArrayList<>();
        List<String> versym = new ArrayList<>();
        int versymCount = -1;
        String section = "";
        String pendingDef = null;
        List<String> parents = new ArrayList<>();
        for (String line : lines) {
            Matcher m;
            if (line.startsWith("Version definition section")) {
                section = "d";
                continue;
            } else if (line.startsWith("Version needs section")) {
                section = "r";
                continue;
            } else if ((m = VERSYM_HEAD.matcher(line)).matches()) {
                section = "s";
                versymCount = Integer.parseInt(m.group(1));
                continue;
            }
            if (section.equals("d")) {
                if ((m = DEF.matcher(line)).matches() || (m = DEF0.matcher(line)).matches()) {
                    if (pendingDef != null) {
                        defs.add(pendingDef + " Parents " + parents);
                    }
                    pendingDef = "Index " + m.group(2) + " Flags " + m.group(1) + " Name " + m.group(4);
                    parents = new ArrayList<>();
                } else if ((m = PARENT.matcher(line)).matches()) {
                    parents.add(m.group(1));
                }
            } else if (section.equals("r")) {
                if ((m = NEED.matcher(line)).matches()) {
                    needs.add("File " + m.group(1) + " Cnt " + m.group(2));
                } else if ((m = AUX.matcher(line)).matches()) {
                    needs.add("  Name " + m.group(1) + " Flags " + m.group(2) + " Version " + m.group(3));
                }
            } else if (section.equals("s")) {
                if ((m = VERSYM_LINE.matcher(line)).matches()) {
                    Matcher e = VERSYM_ENTRY.matcher(m.group(1));
                    while (e.find()) {
                        String name = e.group(3).trim();
                        boolean hidden = e.group(2).equals("h");
                        versym.add(versymText(name.equals("*local*") || name.equals("*global*") ? null : name,
                                hidden));
                    }
                }
            }
        }
        if (pendingDef != null) {
            defs.add(pendingDef + " Parents " + parents);
        }
        // entry 0 (the null symbol) is not part of ElfFile.symbols()
        if (!versym.isEmpty()) {
            versym.remove(0);
        }
        return new Versions(defs, needs, versym, versymCount);
    }

    /** Result of one readelf run over several files: per file, the parsed versions; files with warnings absent. */
    static Map<Path, Versions> run(List<Path> files) throws IOException, InterruptedException {
        Map<Path, Versions> out = new HashMap<>();
        if (files.isEmpty()) {
            return out;
        }
        List<String> cmd = new ArrayList<>(List.of(READELF.toString(), "-V", "-W"));
        for (Path p : files) {
            cmd.add(p.toString());
        }
        Path err = Files.createTempFile("readelf", ".err");
        Path stdout = Files.createTempFile("readelf", ".out");
        try {
            Process proc = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(stdout.toFile())
                    .start();
            if (!proc.waitFor(300, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new IOException("readelf timed out");
            }
            boolean clean = proc.exitValue() == 0 && Files.size(err) == 0;
            if (!clean && files.size() > 1) {
                // find the culprit(s): one file at a time
                for (Path p : files) {
                    out.putAll(run(List.of(p)));
                }
                return out;
            }
            if (!clean) {
                return out; // readelf itself complains about this file: not a reference
            }
            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            if (files.size() == 1) {
                out.put(files.get(0), parse(lines));
                return out;
            }
            String current = null;
            List<String> block = new ArrayList<>();
            for (String line : lines) {
                Matcher m = FILE.matcher(line);
                if (m.matches()) {
                    if (current != null) {
                        out.put(Path.of(current), parse(block));
                    }
                    current = m.group(1);
                    block = new ArrayList<>();
                } else {
                    block.add(line);
                }
            }
            if (current != null) {
                out.put(Path.of(current), parse(block));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(stdout);
        }
    }
}
