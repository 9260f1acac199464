package org.distrocompat.core.policy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** ../shared (system property distrocompat.shared, set by surefire); tests skip when it is absent. */
public final class SharedData {
    private SharedData() {
    }

    public static Path shared() {
        String prop = System.getProperty("distrocompat.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("../../shared");
        return p.toAbsolutePath().normalize();
    }

    public static Path pep600Cache() {
        Path p = shared().resolve("reference/pep600-cache");
        assumeTrue(Files.isDirectory(p), "skipped: " + p + " is absent (the shared reference data of this environment)");
        return p;
    }

    public static Path officialPolicy() {
        Path p = shared().resolve("reference/auditwheel/manylinux-policy.json");
        assumeTrue(Files.isRegularFile(p), "skipped: " + p + " is absent (the shared reference data of this environment)");
        return p;
    }
}
