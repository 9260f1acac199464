package org.distrocompat.crawler.source.apt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.crawler.fetch.FetchException;

/**
 * Finds every suite a mirror serves: the well-known aliases (oldoldstable, oldstable, stable, testing,
 * unstable, ...) resolved through their verified Release's Codename, plus the codenames of a {@code dists/}
 * listing where the mirror serves one. Suites are then read by codename ({@code dists/<codename>}), each once.
 *
 * <p>Aliases move once in a release cycle, so their resolution can be remembered in a small state file for a
 * while ({@code ttl}); within it a rerun reads only the codenames' Release files.
 */
final class SuiteDiscovery {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A suite to crawl: the directory under dists/ and its verified Release. */
    public record Suite(String path, ReleaseFile release) {
    }

    /** A suite that could not be read (bad signature, network fault). */
    public record Problem(String path, IOException error) {
    }

    public record Result(List<Suite> suites, List<Problem> problems) {
    }

    private SuiteDiscovery() {
    }

    /**
     * @param stateFile where the alias resolution is remembered (null: never)
     * @param ttl       how long a remembered resolution is used without asking the mirror again
     */
    public static Result discover(AptRepository repo, List<String> aliases, boolean useListing, List<String> skip,
            Path stateFile, Duration ttl) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Map<String, ReleaseFile> fetched = new LinkedHashMap<>();
        Map<String, String> aliasToCodename = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        if (!readState(stateFile, ttl, repo.location(), aliasToCodename, listed)) {
            for (AptRepository.ReleaseResult rr : repo.releases(aliases)) {
                if (rr.error() == null) {
                    ReleaseFile r = rr.release();
                    aliasToCodename.put(rr.suite(), r.codename() == null ? rr.suite() : r.codename());
                    fetched.put(rr.suite(), r);
                } else if (!(rr.error() instanceof FetchException f && f.notFound())) {
                    problems.add(new Problem(rr.suite(), rr.error()));
                }
            }
            if (useListing) {
                try {
                    listed.addAll(repo.listSuites());
                } catch (IOException e) {
                    problems.add(new Problem("dists/", e));
                }
            }
            if (problems.isEmpty()) {
                writeState(stateFile, repo.location(), aliasToCodename, listed);
            }
        }
        Set<String> names = new LinkedHashSet<>(aliasToCodename.values());
        for (String name : listed) {
            if (!aliases.contains(name) && !name.contains("-")) {
                names.add(name);
            }
        }
        Map<String, Suite> byCodename = new LinkedHashMap<>();
        List<String> wanted = names.stream().filter(n -> !skip.contains(n)).toList();
        for (AptRepository.ReleaseResult rr : repo.releases(wanted)) {
            String name = rr.suite();
            if (rr.error() == null) {
                ReleaseFile r = rr.release();
                String codename = r.codename() == null ? name : r.codename();
                if (!skip.contains(codename)) {
                    byCodename.putIfAbsent(codename, new Suite(name, r));
                }
            } else if (rr.error() instanceof FetchException f && f.notFound()) {
                // no directory under the codename: fall back to an alias that resolved to it
                for (Map.Entry<String, String> a : aliasToCodename.entrySet()) {
                    if (a.getValue().equals(name) && fetched.containsKey(a.getKey())) {
                        byCodename.putIfAbsent(name, new Suite(a.getKey(), fetched.get(a.getKey())));
                        break;
                    }
                }
            } else {
                problems.add(new Problem(name, rr.error()));
            }
        }
        return new Result(List.copyOf(byCodename.values()), problems);
    }

    private static boolean readState(Path file, Duration ttl, String location, Map<String, String> aliases,
            List<String> listed) {
        if (file == null || ttl.isZero() || ttl.isNegative() || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            Instant at = Instant.parse(n.path("resolvedAt").asText());
            if (!location.equals(n.path("mirror").asText()) || at.plus(ttl).isBefore(Instant.now())
                    || at.isAfter(Instant.now().plusSeconds(60))) {
                return false;
            }
            n.path("aliases").fields().forEachRemaining(e -> aliases.put(e.getKey(), e.getValue().asText()));
            n.path("listing").forEach(x -> listed.add(x.asText()));
            return true;
        } catch (IOException | RuntimeException e) {
            aliases.clear();
            listed.clear();
            return false;
        }
    }

    private static void writeState(Path file, String location, Map<String, String> aliases, List<String> listed) {
        if (file == null) {
            return;
        }
        try {
            ObjectNode n = JSON.createObjectNode();
            n.put("mirror", location);
            n.put("resolvedAt", Instant.now().toString());
            ObjectNode a = n.putObject("aliases");
            aliases.forEach(a::put);
            listed.forEach(n.putArray("listing")::add);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "suites-", ".tmp");
            JSON.writeValue(tmp.toFile(), n);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // remembering is an optimisation only
        }
    }
}
