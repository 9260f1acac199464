package org.distrocompat.db.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file: whatever the database holds can be written, and a bad file is one clear line. */
class SnapshotCodecTest {
    @TempDir
    Path tmp;

    @Test
    void aStoredValueOfAnyLengthIsWrittenAndReadBack() throws IOException {
        String huge = "GLIBC_" + "9".repeat(100_000); // what an unvalidated import once stored
        SnapshotCell cell = new SnapshotCell("evil", "Evil", "1", null, ReleaseStatus.SUPPORTED, Arch.X86_64,
                Libc.GLIBC, "2.17", Provenance.IMPORTED, List.of(), List.of("GLIBC_2.17", huge));
        Path file = tmp.resolve("snapshot.bin");
        new ReleaseSnapshot(Instant.now(), "test", List.of(cell)).write(file);
        ReleaseSnapshot read = ReleaseSnapshot.read(file);
        assertThat(read.cells()).hasSize(1);
        assertThat(read.cells().get(0).importedVersions()).containsExactly("GLIBC_2.17", huge);
    }

    @Test
    void anEmptyOrTruncatedFileSaysSo() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.bin"));
        assertThatThrownBy(() -> ReleaseSnapshot.read(empty)).isInstanceOf(IOException.class)
                .hasMessage("cannot read release snapshot " + empty + ": it is empty or truncated");
    }
}
