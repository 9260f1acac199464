package org.distrocompat.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * auditwheel's policy file format, byte for byte as pypa/auditwheel writes {@code manylinux-policy.json}:
 * two-space indentation, objects one key per line, arrays of strings on one line, empty ones as [] and {},
 * keys in the order name, aliases, priority, symbol_versions, lib_whitelist, blacklist, and a final newline.
 */
public final class PolicyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** Reads a policy file; {@code IllegalArgumentException} (one line) when it is not one. */
    public static List<Policy> read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Policy> parse(String json, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(where + " is not a policy file (expected a JSON array of policies)");
        }
        List<Policy> out = new ArrayList<>();
        for (JsonNode p : root) {
            if (!p.isObject() || !p.path("name").isTextual() || !p.path("priority").isInt()) {
                throw new IllegalArgumentException(where + ": every policy needs a name and an integer priority");
            }
            Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("symbol_versions").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> arch = it.next();
                sv.put(arch.getKey(), stringLists(arch.getValue(), where));
            }
            out.add(new Policy(p.get("name").asText(), strings(p.path("aliases"), where), p.get("priority").asInt(), sv,
                    strings(p.path("lib_whitelist"), where), stringLists(p.path("blacklist"), where)));
        }
        return out;
    }

    private static Map<String, List<String>> stringLists(JsonNode node, String where) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), strings(e.getValue(), where));
        }
        return m;
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": expected an array of strings, found " + node.getNodeType());
        }
        node.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
