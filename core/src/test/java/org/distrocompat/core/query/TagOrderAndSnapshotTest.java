package org.distrocompat.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.distrocompat.core.check.Fixtures;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotCell;
import org.junit.jupiter.api.Test;

class TagOrderAndSnapshotTest {

    @Test
    void tagsInPackagingsOrder() {
        List<String> t = TagOrder.platformTags(2, 31, "x86_64");
        // packaging.tags on glibc 2.31 x86_64: 2_31 down to 2_5, legacy aliases after their twins, linux last
        assertThat(t).hasSize(27 + 3 + 1);
        assertThat(t.get(0)).isEqualTo("manylinux_2_31_x86_64");
        assertThat(t.subList(t.indexOf("manylinux_2_17_x86_64"), t.indexOf("manylinux_2_17_x86_64") + 3))
                .containsExactly("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64");
        assertThat(t.get(t.indexOf("manylinux_2_12_x86_64") + 1)).isEqualTo("manylinux2010_x86_64");
        assertThat(t.subList(t.size() - 3, t.size()))
                .containsExactly("manylinux_2_5_x86_64", "manylinux1_x86_64", "linux_x86_64");
        assertThat(TagOrder.platformTags(2, 17, "aarch64"))
                .containsExactly("manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64");
        assertThat(TagOrder.platformTags(2, 16, "ppc64le")).containsExactly("linux_ppc64le");
        assertThat(TagOrder.platformTags(2, 18, "armv8l")).containsExactly("manylinux_2_18_armv8l",
                "manylinux_2_17_armv8l", "manylinux2014_armv8l", "manylinux_2_18_armv7l", "manylinux_2_17_armv7l",
                "manylinux2014_armv7l", "linux_armv8l", "linux_armv7l");
    }

    @Test
    void snapshotRoundTripKeepsEveryCell() throws Exception {
        ReleaseSnapshot loaded;
        try (Database db = TestDatabase.fresh()) {
            Fixtures.storeReleases(db);
            loaded = ReleaseSnapshot.load(db);
        }
        assertThat(loaded.cells()).extracting(SnapshotCell::label).containsExactly("CentOS 7", "Debian 8", "Debian 12",
                "Debian 13", "Ubuntu 14.04");
        SnapshotCell bookworm = loaded.cells().get(2);
        assertThat(bookworm.isCrawled()).isTrue();
        assertThat(bookworm.definitionsBySoname().get("libm.so.6")).contains("GLIBC_2.31");
        assertThat(bookworm.definitionsBySoname()).containsKey("ld-linux-x86-64.so.2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        loaded.write(out);
        ReleaseSnapshot read = ReleaseSnapshot.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.cells()).isEqualTo(loaded.cells());
        assertThat(read.source()).isEqualTo(loaded.source());
        assertThat(read.createdAt().toEpochMilli()).isEqualTo(loaded.createdAt().toEpochMilli());
        assertThat(out.size()).isLessThan(200_000);
    }
}
