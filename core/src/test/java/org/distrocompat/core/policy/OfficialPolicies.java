package org.distrocompat.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The bundled official policy files as records, and tampered copies of them for loader tests. */
final class OfficialPolicies {
    private OfficialPolicies() {
    }

    static String text(String file) {
        try (InputStream in = OfficialPolicies.class.getResourceAsStream("/auditwheel/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Policy> manylinux() {
        return PolicyJson.parse(text("manylinux-policy.json"), "manylinux-policy.json");
    }

    static List<Policy> musllinux() {
        return PolicyJson.parse(text("musllinux-policy.json"), "musllinux-policy.json");
    }

    /** {@code policies} with the one named {@code name} replaced by {@code change} of it. */
    static List<Policy> changed(List<Policy> policies, String name, UnaryOperator<Policy> change) {
        List<Policy> out = new ArrayList<>();
        policies.forEach(p -> out.add(p.name().equals(name) ? change.apply(p) : p));
        return out;
    }
}
