package org.distrocompat.core.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * auditwheel's policy file format, the one way in and out of it. Written byte for byte as pypa/auditwheel writes
 * {@code manylinux-policy.json}: two-space indentation, objects one key per line, arrays of strings on one line,
 * empty ones as [] and {}, keys in the order name, aliases, priority, symbol_versions, lib_whitelist, blacklist,
 * and a final newline. Read for every use (a check's {@code --policy}, the bundled official files, a
 * {@code --diff} base, the previously published file) through the same loader, which validates what it reads.
 */
public final class PolicyJson {

    private PolicyJson() {
    }

    public static String write(List<Policy> policies) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < policies.size(); i++) {
            Policy p = policies.get(i);
            sb.append("  {\n");
            sb.append("    \"name\": ").append(str(p.name())).append(",\n");
            sb.append("    \"aliases\": ").append(array(p.aliases())).append(",\n");
            sb.append("    \"priority\": ").append(p.priority()).append(",\n");
            sb.append("    \"symbol_versions\": ");
            if (p.symbolVersions().isEmpty()) {
                sb.append("{}");
            } else {
                sb.append("{\n");
                int a = 0;
                for (Map.Entry<String, Map<String, List<String>>> arch : p.symbolVersions().entrySet()) {
                    sb.append("      ").append(str(arch.getKey())).append(": ");
                    object(sb, arch.getValue(), "        ", "      ");
                    sb.append(++a < p.symbolVersions().size() ? ",\n" : "\n");
                }
                sb.append("    }");
            }
            sb.append(",\n");
            sb.append("    \"lib_whitelist\": ").append(array(p.libWhitelist())).append(",\n");
            sb.append("    \"blacklist\": ");
            object(sb, p.blacklist(), "      ", "    ");
            sb.append('\n');
            sb.append(i < policies.size() - 1 ? "  },\n" : "  }\n");
        }
        sb.append("]\n");
        return sb.toString();
    }

    private static void object(StringBuilder sb, Map<String, List<String>> m, String inner, String outer) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        int n = 0;
        for (Map.Entry<String, List<String>> e : m.entrySet()) {
            sb.append(inner).append(str(e.getKey())).append(": ").append(array(e.getValue()));
            sb.append(++n < m.size() ? ",\n" : "\n");
        }
        sb.append(outer).append('}');
    }

    private static String array(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(str(values.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Loads a policy file: {@link PolicyReader} reads it, {@link PolicyValidator} checks the invariants auditwheel's
     * loader relies on. Every failure is a {@link PolicyFileException} of one line naming the file.
     */
    public static List<Policy> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new PolicyFileException("no such file: " + file, e);
        } catch (IOException e) {
            throw new PolicyFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a policy file's content; {@code source} names it in errors. */
    public static List<Policy> parse(String json, String source) {
        return parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), source);
    }

    /** Loads a policy file from a stream (a bundled resource); {@code source} names it in errors. */
    public static List<Policy> parse(InputStream in, String source) {
        List<Policy> policies = PolicyReader.read(in, source);
        PolicyValidator.validate(policies, source);
        return policies;
    }
}
