package org.distrocompat.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {
    private static final Policy OLD = new Policy("manylinux_2_28", List.of(), 64,
            Map.of("x86_64", Map.of("GLIBCXX", List.of("3.4", "3.4.24")), "i686", Map.of("GCC", List.of("3.0"))),
            List.of("libc.so.6", "libz.so.1"), Map.of("libz.so.1", List.of("_tr_init", "zcalloc")));

    @Test
    void identicalFilesHaveNoChanges() {
        List<Policy> p = PolicyJson.read(SharedData.officialPolicy());
        assertThat(PolicyDiff.diff(p, p)).isEmpty();
        assertThat(PolicyDiff.text(List.of(), "a", "b")).isEqualTo("--- a\n+++ b\nno changes\n");
    }

    @Test
    void everyKindOfChangeIsOneReadableLine() {
        Policy changed = new Policy("manylinux_2_28", List.of("x"), 63,
                Map.of("x86_64", Map.of("GLIBCXX", List.of("3.4", "3.4.25"))),
                List.of("libc.so.6", "libm.so.6"), Map.of("libz.so.1", List.of("zcalloc", "zcfree")));
        Policy added = new Policy("manylinux_2_29", List.of(), 63, Map.of(), List.of(), Map.of());
        List<String> lines = PolicyDiff.diff(List.of(Policy.linux(), OLD), List.of(changed, added)).stream()
                .map(PolicyDiff.Change::line).toList();
        assertThat(lines).containsExactly(
                "- policy linux",
                "~ manylinux_2_28 aliases: +x",
                "~ manylinux_2_28 priority: +63 -64",
                "- manylinux_2_28 arch i686",
                "~ manylinux_2_28 x86_64 GLIBCXX: +3.4.25 -3.4.24",
                "~ manylinux_2_28 lib_whitelist: +libm.so.6 -libz.so.1",
                "~ manylinux_2_28 blacklist libz.so.1: +zcfree -_tr_init",
                "+ policy manylinux_2_29 (priority 63)");
    }
}
