package org.distrocompat.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.distrocompat.crawler.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                tuple("libc.so.6", "/usr/lib/x86_64-linux-gnu/libc-2.31.so"),
                tuple("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.28"),
                tuple("ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-2.31.so"));
    }

    @Test
    void notADebIsAnError() {
        assertThatThrownBy(() -> DebReader.readLibraries(new ByteArrayInputStream("!<arch>\n".getBytes(StandardCharsets.US_ASCII)),
                LibrarySelector.base())).isInstanceOf(IOException.class);
    }

    @Test
    void aMemberNameThatLeavesThePackageFailsItNamingTheMember() throws Exception {
        byte[] tar = new TestArchives.Tar().dir("./").file("./lib/x86_64-linux-gnu/libc.so.6", TestArchives.ELF)
                .file("./../../etc/cron.d/evil", TestArchives.ascii("* * * * * root sh")).bytes();
        byte[] deb = TestArchives.deb("data.tar.xz", TestArchives.compress(Format.XZ, tar));
        assertThatThrownBy(() -> DebReader.readLibraries(new ByteArrayInputStream(deb), LibrarySelector.base()))
                .isInstanceOf(IOException.class).hasMessage("./../../etc/cron.d/evil: name leaves the archive");
    }

    @Test
    void followsASymlinkChainAndNotLinksThatLeaveThePackageOrLoop() throws Exception {
        byte[] tar = new TestArchives.Tar().dir("./")
                // lib/libstdc++.so.6 -> libstdc++.so.6.0 (found as usr/lib/... across the merged-/usr split)
                // -> /usr/lib/.../libstdc++.so.6.0.30 -> (hard link) libstdc++-real.so
                .file("./usr/lib/x86_64-linux-gnu/libstdc++-real.so", TestArchives.ELF)
                .hardlink("./usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", "./usr/lib/x86_64-linux-gnu/libstdc++-real.so")
                .symlink("./usr/lib/x86_64-linux-gnu/libstdc++.so.6.0", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30")
                .symlink("./lib/x86_64-linux-gnu/libstdc++.so.6", "libstdc++.so.6.0")
                // one ".." too many: clamped at "/" this would reach lib/x86_64-linux-gnu/libm-2.36.so
                .file("./lib/x86_64-linux-gnu/libm-2.36.so", TestArchives.ELF)
                .symlink("./usr/lib/x86_64-linux-gnu/libm.so.6", "../../../../lib/x86_64-linux-gnu/libm-2.36.so")
                // a loop
                .symlink("./usr/lib/x86_64-linux-gnu/libgcc_s.so.1", "libgcc_s.so.1.loop")
                .symlink("./usr/lib/x86_64-linux-gnu/libgcc_s.so.1.loop", "libgcc_s.so.1")
                .bytes();
        byte[] deb = TestArchives.deb("data.tar.zst", TestArchives.compress(Format.ZSTD, tar));
        List<ExtractedLibrary> libs = DebReader.readLibraries(new ByteArrayInputStream(deb), LibrarySelector.base());
        assertThat(libs).extracting(ExtractedLibrary::soname, ExtractedLibrary::path).containsExactly(
                tuple("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++-real.so"));
        assertThat(libs.get(0).data()).isEqualTo(TestArchives.ELF);
    }

    @Test
    void readsAPackageBuiltByDpkgDeb(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("dpkg-deb"), "dpkg-deb not installed: skipping the test on a package it builds");
        Path root = tmp.resolve("pkg");
        Path lib = Files.createDirectories(root.resolve("usr/lib/aarch64-linux-gnu"));
        Files.write(lib.resolve("libgcc_s.so.1"), TestArchives.ELF);
        Files.createDirectories(root.resolve("lib"));
        Files.createSymbolicLink(root.resolve("lib/ld-linux-aarch64.so.1"), Path.of("../usr/lib/aarch64-linux-gnu/ld.so"));
        Files.write(lib.resolve("ld.so"), TestArchives.ELF);
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), "Package: libtest\nVersion: 1.0\nArchitecture: arm64\n"
                + "Maintainer: Test <test@example.invalid>\nDescription: test\n");
        for (String z : List.of("xz", "zstd", "gzip", "none")) {
            Path deb = tmp.resolve("libtest-" + z + ".deb");
            Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "-Z" + z, "--build", root.toString(),
                    deb.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            List<ExtractedLibrary> libs;
            try (InputStream in = Files.newInputStream(deb)) {
                libs = DebReader.readLibraries(in, LibrarySelector.base());
            }
            assertThat(libs).as(z).extracting(ExtractedLibrary::soname, ExtractedLibrary::path).containsExactlyInAnyOrder(
                    tuple("libgcc_s.so.1", "/usr/lib/aarch64-linux-gnu/libgcc_s.so.1"),
                    tuple("ld-linux-aarch64.so.1", "/usr/lib/aarch64-linux-gnu/ld.so"));
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
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
