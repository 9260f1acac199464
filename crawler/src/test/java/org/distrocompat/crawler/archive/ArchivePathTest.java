package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchivePathTest {

    @ParameterizedTest
    @CsvSource({
            "./usr/lib/x.so, usr/lib/x.so",
            "./a/b/../c.so, a/c.so",
            "a/../b, b",
            "a//b/./c, a/b/c",
            "/abs/x, abs/x", // absolute: from the archive's root
            "//abs, abs",
            "a\\b\\c.so, a/b/c.so", // backslashes separate too
            "lib/, lib"})
    void namesBecomeRelativePathsWithoutDotSegments(String name, String path) {
        assertThat(ArchivePath.normalize(name)).contains(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "../../etc/passwd", "a/../../b", "a/b/../../../c", "/../x", "..\\x",
            "a\\..\\..\\x", "./../x", ".", "./", "", "/", "a/.."})
    void namesThatClimbOutOrNameTheRootAreRejectedNotClamped(String name) {
        assertThat(ArchivePath.normalize(name)).isEmpty();
    }

    @Test
    void symbolicLinkTargetsFollowTheSameRule() {
        assertThat(ArchivePath.resolveLink("usr/lib/libc.so.6", "libc-2.36.so")).contains("usr/lib/libc-2.36.so");
        assertThat(ArchivePath.resolveLink("lib64/ld.so.2", "../lib/x86_64-linux-gnu/ld.so.2"))
                .contains("lib/x86_64-linux-gnu/ld.so.2");
        assertThat(ArchivePath.resolveLink("lib64/ld.so.2", "/usr/lib/ld.so.2")).contains("usr/lib/ld.so.2");
        assertThat(ArchivePath.resolveLink("top.so", "other.so")).contains("other.so");
        // one ".." too many: a file system would stop at "/", the rule rejects
        assertThat(ArchivePath.resolveLink("usr/lib/x.so", "../../../lib/x.so")).isEmpty();
        assertThat(ArchivePath.resolveLink("lib/passwd", "../../etc/passwd")).isEmpty();
        assertThat(ArchivePath.resolveLink("lib/x", "/../etc/passwd")).isEmpty();
    }
}
