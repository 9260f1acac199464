package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyInvariantsTest {

    @Test
    void officialFileHoldsTheInvariants() {
        assertThat(PolicyInvariants.check(PolicyJson.read(SharedData.officialPolicy()), Map.of())).isEmpty();
    }

    @Test
    void aNewerPolicyLackingAVersionNamesTheReleaseResponsible() {
        Policy older = new Policy("manylinux_2_27", List.of(), 65,
                Map.of("x86_64", Map.of("GLIBCXX", List.of("3.4", "3.4.24"))), List.of("libc.so.6", "libz.so.1"), Map.of());
        Policy newer = new Policy("manylinux_2_28", List.of(), 64,
                Map.of("x86_64", Map.of("GLIBCXX", List.of("3.4"))), List.of("libc.so.6"), Map.of());
        Derivation d = new Derivation("manylinux_2_28", 28, Map.of("x86_64", List.of("photon-3.0")),
                Map.of("x86_64", Map.of("GLIBCXX", new Derivation.Bound("GLIBCXX", "3.4", "3.4.24",
                        List.of("photon-3.0"), "because photon-3.0 defines no 3.4.24", 1,
                        Map.of("3.4.24", List.of("photon-3.0"))))),
                Map.of("libz.so.1", List.of("photon-3.0 x86_64")), Map.of(), Map.of());
        List<PolicyInvariants.Violation> v = PolicyInvariants.check(List.of(Policy.linux(), newer, older),
                Map.of("manylinux_2_28", d));
        assertThat(v).hasSize(2);
        assertThat(v.get(0).message()).isEqualTo("manylinux_2_28 lib_whitelist lacks libz.so.1, which manylinux_2_27 "
                + "allows: lacking in photon-3.0 x86_64 (in scope of manylinux_2_28)");
        assertThat(v.get(1).message()).isEqualTo("manylinux_2_28 x86_64 GLIBCXX lacks 3.4.24, which manylinux_2_27 "
                + "allows: lacking in photon-3.0 (in scope of manylinux_2_28)");
    }

    @Test
    void withoutDerivationTheMessageSaysSo() {
        Policy older = new Policy("a", List.of(), 2, Map.of("i686", Map.of("GCC", List.of("3.0"))), List.of(), Map.of());
        Policy newer = new Policy("b", List.of(), 1, Map.of("i686", Map.of("GCC", List.of())), List.of(), Map.of());
        assertThat(PolicyInvariants.check(List.of(older, newer), Map.of())).singleElement()
                .satisfies(x -> assertThat(x.message()).endsWith("no derivation data names a release"));
    }
}
