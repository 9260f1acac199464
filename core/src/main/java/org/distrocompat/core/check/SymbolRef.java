package org.distrocompat.core.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A symbol an ELF file of the input refers to: the file (its path inside the input) and the symbol's name as the
 * dynamic symbol table has it (C++ names mangled).
 */
public record SymbolRef(String file, String name) {

    /**
     * Up to {@code max} symbols in words, grouped by file: "pthread_create (in x.so)", "a, b (in x.so), c (in y.so)
     * and 4 more".
     */
    public static String describe(List<SymbolRef> refs, int max) {
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        int named = 0;
        for (SymbolRef r : refs) {
            if (named == max) {
                break;
            }
            List<String> names = byFile.computeIfAbsent(r.file(), k -> new ArrayList<>());
            if (!names.contains(r.name())) {
                names.add(r.name());
                named++;
            }
        }
        List<String> parts = new ArrayList<>();
        byFile.forEach((file, names) -> parts.add(String.join(", ", names) + " (in " + file + ")"));
        long distinct = refs.stream().distinct().count();
        return String.join(", ", parts) + (distinct > named ? " and " + (distinct - named) + " more" : "");
    }
}
