package org.distrocompat.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.distrocompat.core.policy.SharedData;
import org.distrocompat.core.query.CheckReport;
import org.distrocompat.core.query.Checker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-runs the reference — auditwheel from source, {@code ../shared/tools/auditwheel show --json} — on every corpus
 * wheel and compares it with the recorded verdict and with distrocompat's. Skipped, with the reason, when the tool
 * or its Python dependencies (Debian's python3-pyelftools and python3-packaging; {@code .ci/run} installs them)
 * are absent.
 */
class AuditwheelLiveTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Path tool;

    @BeforeAll
    static void reference() throws Exception {
        tool = SharedData.shared().resolve("tools/auditwheel");
        Assumptions.assumeTrue(Files.isExecutable(tool), "skipped: " + tool + " is absent (the reference auditwheel of "
                + "this environment)");
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " is absent (auditwheel needs it)");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import elftools, packaging").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor() == 0, "skipped: auditwheel's Python dependencies are missing ("
                + out.strip() + "); apt-get install python3-pyelftools python3-packaging");
    }

    @Test
    void auditwheelStillSaysWhatWasRecordedAndDistrocompatAgrees() throws Exception {
        Checker checker = new Checker(Corpus.noReleases());
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Corpus.Reference ref : Corpus.references()) {
            JsonNode live = run(ref);
            String w = ref.wheel();
            if (ref.refused()) {
                if (!live.has("error")) {
                    differences.add(w + ": recorded a refusal, auditwheel now says " + live);
                }
                compared++;
                continue;
            }
            if (ref.pure()) {
                if (!live.path("pure").asBoolean(false)) {
                    differences.add(w + ": recorded pure, auditwheel now says " + live);
                }
                compared++;
                continue;
            }
            CheckReport ours = checker.check(Corpus.wheel(w), null);
            Map<String, Object> json = ours.toJson();
            for (String field : List.of("overall_tag", "sym_tag", "pyfpe", "ucs2", "unsupported_isa")) {
                String recorded = ref.auditwheel().path(field).asText();
                String now = live.path(field).asText();
                String mine = String.valueOf(json.get(field));
                if (!recorded.equals(now) || !now.equals(mine)) {
                    differences.add(w + " " + field + ": recorded " + recorded + ", auditwheel " + now + ", distrocompat "
                            + mine);
                }
            }
            if (!Corpus.versionedSymbols(live.path("versioned_symbols")).equals(Corpus.sorted(ours.needs()
                    .versionedSymbols()))) {
                differences.add(w + " versioned_symbols: auditwheel " + live.path("versioned_symbols") + ", distrocompat "
                        + ours.needs().versionedSymbols());
            }
            compared++;
        }
        System.out.println("[auditwheel live] " + compared + " wheels compared with " + tool + ", "
                + differences.size() + " differences");
        assertThat(differences).isEmpty();
        assertThat(compared).isEqualTo(Corpus.references().size());
    }

    private static JsonNode run(Corpus.Reference ref) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tool.toString()));
        cmd.addAll(ref.args());
        cmd.add(Corpus.wheel(ref.wheel()).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out.isBlank() ? Corpus.parse("{\"error\": \"no output, exit " + p.exitValue() + "\"}") : Corpus.parse(out);
    }
}
