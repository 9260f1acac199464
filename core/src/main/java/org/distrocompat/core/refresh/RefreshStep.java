package org.distrocompat.core.refresh;

import java.io.PrintWriter;
import org.distrocompat.db.Database;

/**
 * One step that runs before the policy is regenerated — the crawl of every configured source. Throwing
 * fails the run; the published files stay untouched.
 */
@FunctionalInterface
public interface RefreshStep {
    void run(Database db, PrintWriter out) throws Exception;
}
