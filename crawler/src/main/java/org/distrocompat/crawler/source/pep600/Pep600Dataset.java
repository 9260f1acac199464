package org.distrocompat.crawler.source.pep600;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.model.Arch;

/** A pep600_compliance dataset on disk: {@code <arch>/<distro>-<version>.json}, every record read and checked. */
public final class Pep600Dataset {
    private Pep600Dataset() {
    }

    /** Reads and checks every record under {@code dir}; fails with one line on the first bad one. */
    public static List<Pep600Record> read(Path dir, List<String> warnings) {
        if (!Files.isDirectory(dir)) {
            throw new UserException("no such directory: " + dir);
        }
        List<Pep600Record> records = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        try (Stream<Path> archDirs = Files.list(dir)) {
            for (Path archDir : archDirs.sorted().toList()) {
                if (!Files.isDirectory(archDir)) {
                    continue;
                }
                Optional<Arch> arch = Arch.fromAnyName(archDir.getFileName().toString());
                if (arch.isEmpty()) {
                    warnings.add("skipped " + archDir + ": not an architecture wheels know");
                    continue;
                }
                try (Stream<Path> files = Files.list(archDir)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                        Pep600Record r = Pep600Record.parse(f, arch.get(), Files.readAllBytes(f));
                        String key = r.name().label() + " " + arch.get();
                        Path before = seen.put(key, f);
                        if (before != null) {
                            throw new UserException("two records for " + key + ": " + before + " and " + f);
                        }
                        records.add(r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new UserException("no pep600 records in " + dir
                    + " (expected <arch>/<distro>-<version>.json, e.g. x86_64/debian-12.json)");
        }
        return records;
    }
}
