package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.distrocompat.crawler.archive.TestArchives.ascii;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberReaderTest {

    /** Every member of an archive, with its data read (and the data stream closed) as it comes. */
    private record Read(String name, Member.Kind kind, Optional<String> path, Optional<String> linkTarget,
            String data) {
    }

    private static List<Read> readAll(Format format, byte[] archive) throws IOException {
        List<Read> out = new ArrayList<>();
        try (MemberReader r = MemberReader.open(format, new ByteArrayInputStream(archive))) {
            Member m;
            while ((m = r.next()) != null) {
                String data;
                try (InputStream in = m.data()) {
                    data = new String(in.readAllBytes(), "UTF-8");
                }
                out.add(new Read(m.name(), m.kind(), m.path(), m.linkTarget(), data));
            }
        }
        return out;
    }

    @Test
    void tarMembersOfEveryKindWithDataAndNormalisedPaths() throws Exception {
        byte[] tar = new TestArchives.Tar().dir("./").dir("./usr/lib/").file("./usr/lib/libz.so.1.3", ascii("zlib"))
                .symlink("./usr/lib/libz.so.1", "libz.so.1.3").hardlink("./usr/lib/libz-copy.so", "./usr/lib/libz.so.1.3")
                .fifo("./run/fifo").file("../escape.so", ascii("evil")).symlink("./lib/out", "../../etc/passwd").bytes();
        assertThat(readAll(Format.TAR, tar)).extracting(Read::name, Read::kind, Read::path, Read::linkTarget, Read::data)
                .containsExactly(
                        tuple("./", Member.Kind.DIRECTORY, Optional.empty(), Optional.empty(), ""),
                        tuple("./usr/lib/", Member.Kind.DIRECTORY, Optional.of("usr/lib"), Optional.empty(), ""),
                        tuple("./usr/lib/libz.so.1.3", Member.Kind.FILE, Optional.of("usr/lib/libz.so.1.3"),
                                Optional.empty(), "zlib"),
                        tuple("./usr/lib/libz.so.1", Member.Kind.SYMLINK, Optional.of("usr/lib/libz.so.1"),
                                Optional.of("usr/lib/libz.so.1.3"), ""),
                        tuple("./usr/lib/libz-copy.so", Member.Kind.HARDLINK, Optional.of("usr/lib/libz-copy.so"),
                                Optional.of("usr/lib/libz.so.1.3"), ""),
                        tuple("./run/fifo", Member.Kind.OTHER, Optional.of("run/fifo"), Optional.empty(), ""),
                        // rejected names are handed out, not thrown or clamped: the caller reports them
                        tuple("../escape.so", Member.Kind.FILE, Optional.empty(), Optional.empty(), "evil"),
                        tuple("./lib/out", Member.Kind.SYMLINK, Optional.of("lib/out"), Optional.empty(), ""));
    }

    @Test
    void arMembersAreFiles() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("a.o", ascii("first"));
        m.put("b.o", ascii("second"));
        assertThat(readAll(Format.AR, TestArchives.ar(m))).extracting(Read::name, Read::kind, Read::data)
                .containsExactly(tuple("a.o", Member.Kind.FILE, "first"), tuple("b.o", Member.Kind.FILE, "second"));
    }

    @Test
    void aNestedZipIsReadFromItsMembersDataWhileTheOuterOneStaysOpen() throws Exception {
        byte[] jar = TestArchives.zip(Map.of("natives/libjni.so", TestArchives.ELF));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("lib/", new byte[0]);
        outer.put("lib/app.jar", jar);
        outer.put("z/after.txt", ascii("still readable"));
        List<String> seen = new ArrayList<>();
        try (MemberReader r = MemberReader.open(Format.ZIP, new ByteArrayInputStream(TestArchives.zip(outer)))) {
            Member m;
            while ((m = r.next()) != null) {
                BufferedInputStream data = new BufferedInputStream(m.data());
                Format f = Format.detect(data);
                seen.add(m.path().orElseThrow() + " " + m.kind() + " " + f);
                if (f == Format.ZIP) {
                    try (MemberReader inner = MemberReader.open(f, data)) { // closing it must not close the outer
                        Member i;
                        while ((i = inner.next()) != null) {
                            seen.add(m.path().orElseThrow() + "!/" + i.path().orElseThrow() + " "
                                    + Format.detect(new BufferedInputStream(i.data())));
                        }
                    }
                } else if (f == Format.UNKNOWN && m.kind() == Member.Kind.FILE) {
                    seen.add(new String(data.readAllBytes(), "US-ASCII"));
                }
            }
        }
        assertThat(seen).containsExactly("lib DIRECTORY UNKNOWN", "lib/app.jar FILE ZIP",
                "lib/app.jar!/natives/libjni.so ELF", "z/after.txt FILE UNKNOWN", "still readable");
    }

    @ParameterizedTest
    @CsvSource({"data.tar, ", "data.tar.gz, GZIP", "data.tar.xz, XZ", "data.tar.zst, ZSTD", "data.tar.bz2, BZIP2"})
    void aDebsMembersAreItsDataTarsFileSystem(String dataName, Format compression) throws Exception {
        byte[] tar = new TestArchives.Tar().dir("./").file("./usr/lib/libx.so.1", TestArchives.ELF).bytes();
        byte[] deb = TestArchives.deb(dataName, compression == null ? tar : TestArchives.compress(compression, tar));
        assertThat(Format.of(deb)).isEqualTo(Format.DEB);
        // the control.tar's ./control is not among them
        assertThat(readAll(Format.DEB, deb)).extracting(Read::name).containsExactly("./", "./usr/lib/libx.so.1");
    }

    @Test
    void brokenDebsSayWhatIsWrong() throws Exception {
        byte[] tar = new TestArchives.Tar().file("./x", ascii("x")).bytes();
        Map<String, byte[]> noDebianBinary = new LinkedHashMap<>();
        noDebianBinary.put("data.tar", tar);
        assertThatThrownBy(() -> readAll(Format.DEB, TestArchives.ar(noDebianBinary))).isInstanceOf(IOException.class)
                .hasMessage("not a Debian package (no debian-binary member first)");

        Map<String, byte[]> noData = new LinkedHashMap<>();
        noData.put("debian-binary", ascii("2.0\n"));
        noData.put("control.tar", tar);
        assertThatThrownBy(() -> readAll(Format.DEB, TestArchives.ar(noData))).isInstanceOf(IOException.class)
                .hasMessage("Debian package has no data.tar member");

        byte[] notTar = TestArchives.deb("data.tar.gz", TestArchives.compress(Format.GZIP, ascii("no tar here")));
        assertThatThrownBy(() -> readAll(Format.DEB, notTar)).isInstanceOf(IOException.class)
                .hasMessage("data.tar.gz: not a tar archive");
    }

    @Test
    void onlyArchiveFormatsOpen() {
        assertThatThrownBy(() -> MemberReader.open(Format.GZIP, InputStream.nullInputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GZIP");
    }

    @Test
    void membersKeepTheirInvariants() {
        InputStream none = InputStream.nullInputStream();
        assertThatThrownBy(() -> new Member("x", Member.Kind.SYMLINK, null, 0, none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Member("x", Member.Kind.FILE, "y", 0, none))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
