package org.distrocompat.crawler.source.apt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.crawler.fetch.FetchException;

/**
 * Finds every suite a mirror serves: the well-known aliases (oldoldstable, oldstable, stable, testing,
 * unstable, ...) resolved through their verified Release's Codename, plus the codenames of a {@code dists/}
 * listing where the mirror serves one. Each codename is crawled once; when an alias already resolved to it,
 * the alias's Release is used (on a mirror the alias directory is the codename directory), which saves a
 * request per suite.
 */
public final class SuiteDiscovery {

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

    public static Result discover(AptRepository repo, List<String> aliases, boolean useListing, List<String> skip)
            throws IOException {
        Map<String, Suite> byCodename = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String alias : aliases) {
            try {
                ReleaseFile r = repo.release(alias);
                String codename = r.codename() == null ? alias : r.codename();
                if (!skip.contains(codename)) {
                    byCodename.putIfAbsent(codename, new Suite(alias, r));
                }
            } catch (FetchException e) {
                if (!e.notFound()) {
                    problems.add(new Problem(alias, e));
                }
            } catch (SignatureException e) {
                problems.add(new Problem(alias, e));
            }
        }
        if (useListing) {
            for (String name : repo.listSuites()) {
                if (byCodename.containsKey(name) || aliases.contains(name) || skip.contains(name) || name.contains("-")) {
                    continue;
                }
                try {
                    ReleaseFile r = repo.release(name);
                    String codename = r.codename() == null ? name : r.codename();
                    if (!skip.contains(codename)) {
                        byCodename.putIfAbsent(codename, new Suite(name, r));
                    }
                } catch (FetchException e) {
                    if (!e.notFound()) {
                        problems.add(new Problem(name, e));
                    }
                } catch (SignatureException e) {
                    problems.add(new Problem(name, e));
                }
            }
        }
        return new Result(List.copyOf(byCodename.values()), problems);
    }
}
