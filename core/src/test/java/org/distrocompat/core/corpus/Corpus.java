package org.distrocompat.core.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * The check corpus ({@code core/src/test/corpus}): wheels, jars and an npm package of natives compiled by real
 * toolchains ({@code build.py} rebuilds them), and auditwheel's verdict on every wheel as recorded by
 * {@code build.py --record} in {@code reference.json}.
 */
public final class Corpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {
    }

    /** The corpus directory, from core's or another module's directory. */
    public static Path dir() {
        for (Path p : List.of(Path.of("src/test/corpus"), Path.of("../core/src/test/corpus"))) {
            if (Files.isDirectory(p.resolve("wheels"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("the corpus (core/src/test/corpus) is not found from " + Path.of("").toAbsolutePath());
    }

    public static Path wheel(String name) {
        return dir().resolve("wheels").resolve(name);
    }

    public static Path jar(String name) {
        return dir().resolve("jars").resolve(name);
    }

    public static Path npm(String name) {
        return dir().resolve("npm").resolve(name);
    }

    /** No release stored: enough for tags, which come from the policies. */
    public static ReleaseSnapshot noReleases() {
        return new ReleaseSnapshot(Instant.EPOCH, "none", List.of());
    }

    /**
     * One wheel's recorded reference: auditwheel's exit code and its {@code show --json} object (an {@code error}
     * field when it refused the wheel), and which bullet of the issue it covers.
     */
    public record Reference(String wheel, String covers, List<String> args, int exit, JsonNode auditwheel) {
        public boolean refused() {
            return auditwheel.has("error");
        }

        public boolean pure() {
            return auditwheel.path("pure").asBoolean(false);
        }

        public String overallTag() {
            return auditwheel.path("overall_tag").asText(null);
        }

        public String symTag() {
            return auditwheel.path("sym_tag").asText(null);
        }

        /** soname -> sorted version names, as {@code versioned_symbols} has them. */
        public SortedMap<String, List<String>> versionedSymbols() {
            return Corpus.versionedSymbols(auditwheel.path("versioned_symbols"));
        }
    }

    public static SortedMap<String, List<String>> versionedSymbols(JsonNode node) {
        SortedMap<String, List<String>> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> {
            List<String> v = new ArrayList<>();
            e.getValue().forEach(x -> v.add(x.asText()));
            v.sort(null);
            out.put(e.getKey(), v);
        });
        return out;
    }

    public static List<Reference> references() {
        try {
            JsonNode root = JSON.readTree(dir().resolve("reference.json").toFile());
            List<Reference> out = new ArrayList<>();
            for (JsonNode w : root.get("wheels")) {
                List<String> args = new ArrayList<>();
                w.get("args").forEach(a -> args.add(a.asText()));
                out.add(new Reference(w.get("wheel").asText(), w.get("covers").asText(), args, w.get("exit").asInt(),
                        w.get("auditwheel")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Reference reference(String wheelPrefix) {
        return references().stream().filter(r -> r.wheel().startsWith(wheelPrefix + "-")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus wheel " + wheelPrefix));
    }

    /**
     * Release cells from pep600_compliance records ({@code ARCH/DISTRO-VERSION} under {@code cache}), imported as
     * the import command stores them: every version name of every prefix, the glibc version.
     */
    public static ReleaseSnapshot pep600(Path cache, String... records) {
        List<SnapshotCell> cells = new ArrayList<>();
        for (String rec : records) {
            Path file = cache.resolve(rec + ".json");
            try {
                JsonNode r = JSON.readTree(file.toFile());
                String name = file.getFileName().toString().replace(".json", "");
                int dash = name.indexOf('-');
                List<String> names = new ArrayList<>();
                r.path("symbols").fields().forEachRemaining(e -> e.getValue().forEach(v -> names.add(e.getKey() + "_"
                        + v.asText())));
                cells.add(new SnapshotCell(name.substring(0, dash), DISPLAY.getOrDefault(name.substring(0, dash),
                        name.substring(0, dash)), name.substring(dash + 1), null, ReleaseStatus.UNKNOWN,
                        Arch.parse(file.getParent().getFileName().toString()), Libc.GLIBC,
                        r.path("glibc_version").asText(null), Provenance.IMPORTED, List.of(), names));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        cells.sort(SnapshotCell.ORDER);
        return new ReleaseSnapshot(Instant.EPOCH, "pep600 records", cells);
    }

    private static final Map<String, String> DISPLAY = Map.of("centos", "CentOS", "debian", "Debian", "ubuntu",
            "Ubuntu", "almalinux", "AlmaLinux");

    /** Parses {@code auditwheel show --json} output. */
    public static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    /** The versioned symbols of a report's map form (soname -> versions), sorted like auditwheel's. */
    public static SortedMap<String, List<String>> sorted(Map<String, ? extends Iterable<String>> m) {
        SortedMap<String, List<String>> out = new TreeMap<>();
        m.forEach((k, v) -> {
            List<String> l = new ArrayList<>();
            v.forEach(l::add);
            l.sort(null);
            out.put(k, l);
        });
        return out;
    }
}
