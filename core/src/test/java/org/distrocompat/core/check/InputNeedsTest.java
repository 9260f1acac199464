package org.distrocompat.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which shipped libraries the loader would find: DT_RUNPATH, DT_RPATH and its inheritance, $ORIGIN, links. */
class InputNeedsTest {
    @TempDir
    Path tmp;

    static byte[] libA() {
        return TestElf.x86_64().soname("libA.so.1").needs("libB.so.1").needs("libc.so.6", "GLIBC_2.2.5").bytes();
    }

    static byte[] libB() {
        return TestElf.x86_64().soname("libB.so.1").needs("libc.so.6", "GLIBC_2.3").bytes();
    }

    InputNeeds needs(String name, Map<String, byte[]> members) throws Exception {
        return InputNeeds.of(InputWalker.walk(Fixtures.write(tmp, name, Fixtures.zip(members))), null);
    }

    @Test
    void rpathOfTheLoadingObjectIsInheritedButRunpathIsNot() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("x/_ext.so", TestElf.x86_64().rpath("$ORIGIN/../x.libs").needs("libA.so.1").bytes());
        m.put("x.libs/libA.so.1", libA());
        m.put("x.libs/libB.so.1", libB());
        InputNeeds withRpath = needs("r.zip", m);
        assertThat(withRpath.requirements()).containsOnlyKeys("libc.so.6");
        assertThat(withRpath.requirements().get("libc.so.6")).containsExactly("GLIBC_2.2.5", "GLIBC_2.3");
        assertThat(withRpath.shipped()).extracting(InputNeeds.ShippedNeed::soname).containsExactlyInAnyOrder(
                "libA.so.1", "libB.so.1");
        assertThat(withRpath.unreachableShipped()).isEmpty();

        m.put("x/_ext.so", TestElf.x86_64().runpath("$ORIGIN/../x.libs").needs("libA.so.1").bytes());
        InputNeeds withRunpath = needs("u.zip", m);
        assertThat(withRunpath.requirements()).containsKey("libB.so.1");
        assertThat(withRunpath.unreachableShipped()).containsExactly(
                new InputNeeds.ShippedNeed("x.libs/libA.so.1", "libB.so.1", "x.libs/libB.so.1"));
    }

    @Test
    void originIsTheNeedingFilesDirectoryAndAbsolutePathsAreOutside() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("a/b/_ext.so", TestElf.x86_64().runpath("/usr/lib:${ORIGIN}/../../libs:$ORIGIN/../../../escape")
                .needs("libA.so.1").needs("libB.so.1").bytes());
        m.put("libs/libA.so.1", libA());
        m.put("usr/lib/libB.so.1", libB());
        InputNeeds n = needs("o.zip", m);
        assertThat(n.shipped()).extracting(InputNeeds.ShippedNeed::path).contains("libs/libA.so.1");
        // /usr/lib is the system's, not the input's usr/lib
        assertThat(n.requirements()).containsKey("libB.so.1");
        assertThat(n.libc()).isEqualTo("glibc");
        assertThat(n.elfPaths()).hasSize(3);
        assertThat(n.arches()).isEqualTo(List.of("x86_64"));
    }
}
