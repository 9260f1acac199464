package org.distrocompat.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.distrocompat.core.check.InputContents;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.InputWalker;
import org.distrocompat.core.query.CheckQuery;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * Benchmark helper (run by bench/check.sh, not by the test suite). {@code snapshot CACHE_DIR OUT}: writes a
 * snapshot of every pep600 record as imported cells. {@code query SNAPSHOT INPUT N}: the median time of one
 * CheckQuery over every stored cell of every arch for the input's needs, and of reading the snapshot.
 */
public final class CheckBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("snapshot")) {
            List<SnapshotCell> cells = new ArrayList<>();
            try (Stream<Path> s = Files.walk(Path.of(args[1]))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode r = new ObjectMapper().readTree(p.toFile());
                    String name = p.getFileName().toString().replace(".json", "");
                    int dash = name.indexOf('-');
                    List<String> names = new ArrayList<>();
                    r.path("symbols").fields().forEachRemaining(e -> e.getValue().forEach(v -> names.add(e.getKey() + "_" + v.asText())));
                    cells.add(new SnapshotCell(name.substring(0, dash), name.substring(0, dash), name.substring(dash + 1),
                            null, ReleaseStatus.UNKNOWN, Arch.parse(p.getParent().getFileName().toString()), Libc.GLIBC,
                            r.path("glibc_version").asText(null), Provenance.IMPORTED, List.of(), names));
                }
            }
            cells.sort(SnapshotCell.ORDER);
            new ReleaseSnapshot(Instant.now(), "pep600 cache " + args[1], cells).write(Path.of(args[2]));
            System.out.println(cells.size() + " cells written to " + args[2]);
            return;
        }
        Path snapshotFile = Path.of(args[1]);
        int n = Integer.parseInt(args[3]);
        long[] read = new long[n];
        ReleaseSnapshot snap = null;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            snap = ReleaseSnapshot.read(snapshotFile);
            read[i] = System.nanoTime() - t0;
        }
        InputContents contents = InputWalker.walk(Path.of(args[2]));
        InputNeeds needs = InputNeeds.of(contents, null);
        CheckQuery q = new CheckQuery(snap.cells());
        List<String> arches = snap.cells().stream().map(c -> c.arch().wheelName()).distinct().toList();
        long[] query = new long[n];
        int verdicts = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            verdicts = 0;
            for (String a : arches) {
                verdicts += q.verdicts(a, "glibc", needs.requirements()).size();
            }
            query[i] = System.nanoTime() - t0;
        }
        long[] build = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            new CheckQuery(snap.cells());
            build[i] = System.nanoTime() - t0;
        }
        System.out.printf("cells: %d, verdicts per query: %d, needs: %d sonames%n", snap.cells().size(), verdicts,
                needs.requirements().size());
        System.out.printf("snapshot read: median %.2f ms; index build: median %.2f ms; "
                + "one query over every cell: median %.3f ms (first %.3f ms)%n",
                median(read) / 1e6, median(build) / 1e6, median(query) / 1e6, query[0] / 1e6);
    }

    static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
