package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.distrocompat.crawler.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DebReaderTest {

    @Test
    void readsGlibcsBaseLibrariesAndTheLoaderFromDebiansLibc6() throws Exception {
        Path deb = Fixtures.debianMini().resolve("pool/main/g/glibc/libc6_2.36-9+deb12u14_amd64.deb");
        List<ExtractedLibrary> libs;
        try (InputStream in = Files.newInputStream(deb)) {
            libs = DebReader.readLibraries(in, LibrarySelector.base());
        }
        assertThat(libs).extracting(ExtractedLibrary::soname).contains("libc.so.6", "libm.so.6", "libpthread.so.0",
                "libdl.so.2", "librt.so.1", "libresolv.so.2", "libmvec.so.1", "ld-linux-x86-64.so.2");
        ExtractedLibrary ld = libs.stream().filter(l -> l.soname().startsWith("ld-")).findFirst().orElseThrow();
        // /lib64/ld-linux-x86-64.so.2 is a symlink; the triplet directory holds the file
        assertThat(ld.path()).isEqualTo("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        assertThat(libs).allSatisfy(l -> assertThat(l.data()).startsWith(0x7f, 'E', 'L', 'F'));
    }

    @Test
    void followsRelativeAbsoluteAndMergedUsrSymlinks() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        byte[] deb = deb(tar -> {
            file(tar, "./usr/lib/x86_64-linux-gnu/libc-2.31.so", elf);
            link(tar, "./lib/x86_64-linux-gnu/libc.so.6", "libc-2.31.so"); // resolves across /lib -> /usr/lib
            file(tar, "./usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.28", elf);
            link(tar, "./usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.28");
            link(tar, "./lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-2.31.so");
            file(tar, "./lib/x86_64-linux-gnu/ld-2.31.so", elf);
            link(tar, "./usr/lib/x86_64-linux-gnu/libm.so.6", "libm-missing.so"); // dangling: skipped
            file(tar, "./usr/share/doc/libc6/libc.so.6", elf); // not a library directory
        });
        List<ExtractedLibrary> libs = DebReader.readLibraries(new ByteArrayInputStream(deb), LibrarySelector.base());
        assertThat(libs).extracting(ExtractedLibrary::soname, ExtractedLibrary::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("libc.so.6", "/usr/lib/x86_64-linux-gnu/libc-2.31.so"),
                org.assertj.core.groups.Tuple.tuple("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.28"),
                org.assertj.core.groups.Tuple.tuple("ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-2.31.so"));
    }

    @Test
    void notADebIsAnError() {
        assertThatThrownBy(() -> DebReader.readLibraries(new ByteArrayInputStream("!<arch>\n".getBytes(StandardCharsets.US_ASCII)),
                LibrarySelector.base())).isInstanceOf(IOException.class);
    }

    private interface TarBody {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] deb(TarBody body) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(tarBytes))) {
            body.write(tar);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.gz", new byte[0]);
            member(ar, "data.tar.gz", tarBytes.toByteArray());
        }
        return out.toByteArray();
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] data) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, data.length));
        ar.write(data);
        ar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }
}
