package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden format: auditwheel's own file, read and written back, is byte-identical. */
class PolicyJsonTest {

    @Test
    void officialFileRoundTripsByteForByte() throws Exception {
        String official = Files.readString(SharedData.officialPolicy());
        List<Policy> policies = PolicyJson.parse(official, "official");
        assertThat(policies.get(0).name()).isEqualTo("linux");
        assertThat(PolicyJson.write(policies)).isEqualTo(official);
    }

    @Test
    void keyOrderAndLayout() {
        Policy p = new Policy("manylinux_2_17", List.of("manylinux2014"), 80,
                Map.of("x86_64", Map.of("GLIBC", List.of("2.2.5", "2.17"))), List.of("libc.so.6"),
                Map.of("libz.so.1", List.of("_tr_init")));
        assertThat(PolicyJson.write(List.of(Policy.linux(), p))).isEqualTo("""
                [
                  {
                    "name": "linux",
                    "aliases": [],
                    "priority": 0,
                    "symbol_versions": {},
                    "lib_whitelist": [],
                    "blacklist": {}
                  },
                  {
                    "name": "manylinux_2_17",
                    "aliases": ["manylinux2014"],
                    "priority": 80,
                    "symbol_versions": {
                      "x86_64": {
                        "GLIBC": ["2.2.5", "2.17"]
                      }
                    },
                    "lib_whitelist": ["libc.so.6"],
                    "blacklist": {
                      "libz.so.1": ["_tr_init"]
                    }
                  }
                ]
                """);
    }

    @Test
    void notAPolicyFileIsOneLine() {
        assertThatThrownBy(() -> PolicyJson.parse("{\"a\": 1}", "x.json")).hasMessageContaining("x.json is not a policy file");
        assertThatThrownBy(() -> PolicyJson.parse("[", "x.json")).hasMessageStartingWith("x.json is not valid JSON")
                .hasMessageNotContaining("\n");
    }
}
