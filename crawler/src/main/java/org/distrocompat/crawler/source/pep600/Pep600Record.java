package org.distrocompat.crawler.source.pep600;

import java.io.IOException;
import org.distrocompat.db.error.UserException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.SymbolVersions;

/**
 * One pep600_compliance record: {@code <arch>/<distro>-<version>.json} with {@code glibc_version},
 * {@code symbols} {prefix: [versions]} and {@code libz.so.1} [exported symbols, "name" or "name@@ZLIB_x"].
 * {@code symbols} lists only the prefixes the record looked at: a prefix with an empty list means "none",
 * a missing prefix means "not recorded".
 */
public record Pep600Record(
        Path path,
        Arch arch,
        Pep600Name name,
        String glibcVersion,
        SortedMap<String, List<String>> symbols,
        List<String> libzSymbols,
        String sha256) {

    public static final String LIBZ = "libz.so.1";
    /** Exported symbol names may be long (C++), but not without bound. */
    private static final int MAX_SYMBOL_LENGTH = 4096;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parses a record; {@code UserException} with one line naming the file when it is malformed. */
    public static Pep600Record parse(Path path, Arch arch, byte[] content) {
        Pep600Name name = Pep600Name.parse(path.getFileName().toString());
        checkName(path, "distro", name.distro(), SymbolVersions.MAX_NAME_LENGTH);
        checkName(path, "release", name.release(), SymbolVersions.MAX_NAME_LENGTH);
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw bad(path, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw bad(path, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(path, "expected a JSON object");
        }
        JsonNode glibc = root.get("glibc_version");
        if (glibc != null && !glibc.isNull() && !glibc.isTextual()) {
            throw bad(path, "glibc_version is not a string");
        }
        String glibcVersion = glibc == null || glibc.isNull() || glibc.asText().isBlank() ? null : glibc.asText();
        if (glibcVersion != null && !glibcVersion.matches("\\d+(\\.\\d+)+")) {
            throw bad(path, "glibc_version '" + glibcVersion + "' is not a version number");
        }
        JsonNode symbolsNode = root.get("symbols");
        if (symbolsNode == null || !symbolsNode.isObject()) {
            throw bad(path, "no \"symbols\" object");
        }
        SortedMap<String, List<String>> symbols = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = symbolsNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty() || e.getKey().contains("_")) {
                throw bad(path, "symbol prefix '" + e.getKey() + "' is not a version prefix");
            }
            List<String> versions = strings(path, "symbols." + e.getKey(), e.getValue());
            for (String v : versions) {
                checkName(path, "symbols." + e.getKey(), e.getKey() + "_" + v, SymbolVersions.MAX_NAME_LENGTH);
            }
            symbols.put(e.getKey(), versions);
        }
        JsonNode libz = root.get(LIBZ);
        List<String> libzSymbols = libz == null || libz.isNull() ? List.of() : strings(path, LIBZ, libz);
        for (String symbol : libzSymbols) {
            checkName(path, LIBZ, symbol, MAX_SYMBOL_LENGTH);
        }
        return new Pep600Record(path, arch, name, glibcVersion, symbols, libzSymbols, sha256(content));
    }

    private static List<String> strings(Path path, String what, JsonNode node) {
        if (!node.isArray()) {
            throw bad(path, what + " is not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw bad(path, what + " holds a value that is not a name: " + v);
            }
            out.add(v.asText());
        }
        return List.copyOf(out);
    }

    /** Every name is checked before anything is written: one bad value must not reach the database. */
    private static void checkName(Path path, String what, String value, int maxLength) {
        SymbolVersions.nameProblem(value, maxLength).ifPresent(problem -> {
            throw bad(path, what + " holds " + problem);
        });
    }

    private static UserException bad(Path path, String why) {
        return new UserException("malformed pep600 record " + path + ": " + why);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** musl when the distro is Alpine or the record names no glibc. */
    public String libc() {
        return glibcVersion == null || name.distro().equals("alpine") ? "musl" : "glibc";
    }

    /** Full version names as stored: prefix + "_" + version (GLIBCXX_3.4.22, CXXABI_TM_1). */
    public List<String> versionNames() {
        List<String> out = new ArrayList<>();
        symbols.forEach((prefix, versions) -> versions.forEach(v -> out.add(prefix + "_" + v)));
        return out;
    }

    /** prefix -> versions as a comparable map. */
    public Map<String, List<String>> versionsByPrefix() {
        return symbols;
    }
}
