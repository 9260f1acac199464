package org.distrocompat.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.model.Arch;

/**
 * Reads auditwheel's policy file format into {@link Policy} records and checks its shape: a JSON array of
 * objects, each with the six fields auditwheel's loader reads (name, aliases, priority, symbol_versions,
 * lib_whitelist, blacklist) of the right types, and architectures named as wheels name them. Fields it does not
 * know are ignored, as auditwheel ignores them. The invariants between policies are {@link PolicyValidator}'s.
 */
final class PolicyReader {
    /** The fields auditwheel's loader reads from every policy, the linux one included: all are required. */
    private static final List<String> FIELDS = List.of("name", "aliases", "priority", "symbol_versions",
            "lib_whitelist", "blacklist");

    // jackson-core's streaming parser, not databind: `check` loads policies on every start, and databind's class
    // loading would cost more than reading the file
    private static final JsonFactory JSON = new JsonFactory();

    private PolicyReader() {
    }

    static List<Policy> read(InputStream in, String source) {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw notAPolicyFile(source);
            }
            List<Policy> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw notAPolicyFile(source);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) value(p);
                out.add(policy(fields, out.size() + 1, source));
            }
            if (p.nextToken() != null) {
                throw new PolicyFileException(source + " is not valid JSON: more content after the policy array"
                        + at(p.currentTokenLocation()));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(source + " is not valid JSON: " + Messages.firstLine(e.getOriginalMessage())
                    + at(e.getLocation()), e);
        } catch (IOException e) {
            throw new PolicyFileException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static PolicyFileException notAPolicyFile(String source) {
        return new PolicyFileException(source + " is not a policy file (expected a JSON array of policies)");
    }

    /** The JSON value at the parser's current token: maps, lists, strings, numbers, booleans, null. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, value(p)); // a repeated key: the last one wins, as in Python's json
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    /** The record of one policy object; {@code index} (from 1) names it while its name is unknown. */
    private static Policy policy(Map<String, Object> fields, int index, String source) {
        String label = fields.get("name") instanceof String s ? s : "policy #" + index;
        for (String f : FIELDS) {
            if (!fields.containsKey(f)) {
                throw bad(source, label, "missing \"" + f + "\"");
            }
        }
        if (!(fields.get("name") instanceof String name)) {
            throw bad(source, label, "\"name\" must be a string");
        }
        if (!(fields.get("priority") instanceof Integer priority)) {
            throw bad(source, label, "\"priority\" must be an integer");
        }
        Map<String, Map<String, List<String>>> symbolVersions = new LinkedHashMap<>();
        if (!(fields.get("symbol_versions") instanceof Map<?, ?> byArch)) {
            throw bad(source, label, "\"symbol_versions\" must be an object {arch: {prefix: [versions]}}");
        }
        for (Map.Entry<?, ?> e : byArch.entrySet()) {
            String arch = (String) e.getKey();
            checkArch(arch, source, label);
            symbolVersions.put(arch, stringLists(e.getValue(), source, label + " " + arch,
                    "symbol_versions must map each prefix to an array of version strings"));
        }
        return new Policy(name,
                strings(fields.get("aliases"), source, label, "\"aliases\" must be an array of strings"),
                priority,
                symbolVersions,
                strings(fields.get("lib_whitelist"), source, label, "\"lib_whitelist\" must be an array of strings"),
                stringLists(fields.get("blacklist"), source, label,
                        "\"blacklist\" must map each soname to an array of symbol names"));
    }

    /** Policy files name architectures as wheel tags do; a distribution's name (amd64) there is a mistake. */
    private static void checkArch(String arch, String source, String label) {
        Arch known = Arch.fromAnyName(arch).orElse(null);
        if (known == null) {
            throw bad(source, label, "unknown architecture \"" + arch + "\" (known: "
                    + String.join(", ", Arrays.stream(Arch.values()).map(Arch::wheelName).toList()) + ")");
        }
        if (!known.wheelName().equals(arch)) {
            throw bad(source, label, "architecture \"" + arch + "\" is not a wheel's name for it; use \""
                    + known.wheelName() + "\"");
        }
    }

    private static List<String> strings(Object value, String source, String label, String expected) {
        if (!(value instanceof List<?> list)) {
            throw bad(source, label, expected);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw bad(source, label, expected);
            }
            out.add(s);
        }
        return out;
    }

    private static Map<String, List<String>> stringLists(Object value, String source, String label, String expected) {
        if (!(value instanceof Map<?, ?> map)) {
            throw bad(source, label, expected);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, strings(v, source, label, expected)));
        return out;
    }

    private static PolicyFileException bad(String source, String where, String what) {
        return new PolicyFileException(source + ": " + where + ": " + what);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

}
