package org.distrocompat.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.ReleaseStatus;
import org.junit.jupiter.api.Test;

/** The fast path of {@link Json#bytes} writes exactly what Jackson's databind writes for the same value. */
class JsonTest {
    record Change(String policy, List<String> added, ReleaseStatus status) {
    }

    @Test
    void fastPathBytesEqualDatabindBytes() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quotes \" and \\ and é and \n");
        m.put("none", null);
        m.put("yes", true);
        m.put("int", 42);
        m.put("long", 5_000_000_000L);
        m.put("double", 2.5);
        m.put("sorted", new TreeSet<>(List.of("GLIBC_2.17", "GLIBC_2.2.5")));
        m.put("empty", List.of());
        m.put("nested", List.of(Map.of("arch", Arch.AARCH64), new ArrayList<>(Arrays.asList("a", null))));
        m.put("record", new Change("manylinux_2_17", List.of("x"), ReleaseStatus.EOL));
        m.put("enum", ReleaseStatus.SUPPORTED);
        // compared as UTF-8 bytes: JSON is UTF-8 whatever the locale (JDK 17 decodes by the locale's charset by default)
        assertThat(Json.bytes(m)).isEqualTo(Json.COMPACT.writeValueAsBytes(m));
        assertThat(Json.bytes(List.of())).isEqualTo(Json.COMPACT.writeValueAsBytes(List.of()));
    }
}
