package org.distrocompat.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step (core's pom runs it after compiling): every {@code *-policy.json} of a directory, loaded and validated
 * as any policy file is, written beside it as {@code *-policy.json.bin} ({@link PolicyBinary}). Public only for
 * the build's runner.
 */
public final class PolicyCompiler {
    private PolicyCompiler() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path json : files.filter(f -> f.getFileName().toString().endsWith("-policy.json")).sorted().toList()) {
                List<Policy> policies = PolicyJson.read(json);
                Files.write(json.resolveSibling(json.getFileName() + ".bin"), PolicyBinary.encode(policies));
            }
        }
    }
}
