package org.distrocompat.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.core.check.InputContents;
import org.distrocompat.core.check.InputWalker;
import org.distrocompat.core.check.Platform;
import org.distrocompat.core.check.PlatformDetector;
import org.distrocompat.core.policy.SharedData;
import org.distrocompat.core.query.CheckQuery;
import org.distrocompat.core.query.CheckReport;
import org.distrocompat.core.query.Checker;
import org.distrocompat.core.query.PlatformReport;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.elf.ElfFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One verdict per platform for the corpus' multi-platform jars and npm package, against CentOS 7, Debian 12 and
 * Ubuntu 22.04 (x86_64), CentOS 7 and Debian 12 (aarch64) and Debian 12 (armv7l) from the pep600 records; and
 * which evidence decides a file's platform.
 */
class PlatformVerdictsTest {
    static Checker checker;

    @BeforeAll
    static void releases() {
        ReleaseSnapshot snapshot = Corpus.pep600(SharedData.pep600Cache(), "x86_64/centos-7", "x86_64/debian-12",
                "x86_64/ubuntu-22.04", "aarch64/centos-7", "aarch64/debian-12", "armv7l/debian-12");
        checker = new Checker(snapshot);
    }

    private static List<Object> summary(CheckReport r) {
        return r.platforms().stream().map(p -> (Object) tuple(p.platform().label(), p.format(), p.judged(),
                p.overallTag())).toList();
    }

    private static PlatformReport platform(CheckReport r, String label) {
        return r.platforms().stream().filter(p -> p.platform().label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no platform " + label + " in " + summary(r)));
    }

    private static CheckQuery.Verdict release(PlatformReport p, String distro, String release) {
        return p.verdicts().stream().filter(v -> v.cell().distro().equals(distro) && v.cell().release().equals(release))
                .findFirst().orElseThrow(() -> new AssertionError("no " + distro + " " + release));
    }

    @Test
    void aDatabaseDriverJarGetsOneVerdictPerPlatform() throws Exception {
        CheckReport r = checker.check(Corpus.jar("dbdriver-3.0.jar"), null);
        assertThat(summary(r)).containsExactly(
                tuple("Linux glibc x86_64", "ELF", true, "manylinux_2_5_x86_64"),
                tuple("Linux musl x86_64", "ELF", true, "musllinux_1_2_x86_64"),
                tuple("Linux glibc aarch64", "ELF", true, "manylinux_2_17_aarch64"),
                tuple("Linux musl aarch64", "ELF", true, "musllinux_1_2_aarch64"),
                tuple("Android aarch64", "ELF", true, "android_21_arm64_v8a"),
                tuple("FreeBSD x86_64", "ELF", false, null),
                tuple("macOS arm64", "Mach-O", false, null),
                tuple("Windows x86_64", "PE", false, null));
        // its glibc x86_64 library runs on CentOS 7: the musl one beside it is judged apart
        PlatformReport glibc = platform(r, "Linux glibc x86_64");
        assertThat(glibc.files()).containsExactly("org/example/native/Linux/x86_64/libdb.so");
        assertThat(glibc.verdicts()).allSatisfy(v -> assertThat(v.compatible()).as(v.cell().label()).isTrue());
        assertThat(glibc.oldestLibc()).isEqualTo("2.17");
        assertThat(r.primary()).isSameAs(glibc);
        assertThat(platform(r, "Linux musl x86_64").verdicts()).isEmpty(); // no musl release stored here
        assertThat(platform(r, "Linux musl x86_64").needs().requirements()).containsOnlyKeys("libc.musl-x86_64.so.1");
        assertThat(platform(r, "Linux glibc aarch64").verdicts()).extracting(v -> v.cell().label())
                .containsExactly("CentOS 7", "Debian 12");
        assertThat(platform(r, "FreeBSD x86_64").note()).isEqualTo("not a Linux binary, not judged");
        assertThat(r.tagsAccurate()).isTrue();
        assertThat((List<?>) r.toJson().get("platforms")).hasSize(8);
    }

    @Test
    void aJnaStyleJarListsArchitecturesWithoutAWheelTagAndOtherSystemsUnjudged() throws Exception {
        CheckReport r = checker.check(Corpus.jar("natives-1.0.jar"), null);
        assertThat(summary(r)).containsExactly(
                tuple("Linux glibc x86_64", "ELF", true, "manylinux_2_5_x86_64"),
                tuple("Linux glibc aarch64", "ELF", true, "manylinux_2_17_aarch64"),
                tuple("Linux glibc armv7l", "ELF", true, "manylinux_2_17_armv7l"),
                tuple("Linux glibc armv5l", "ELF", false, null),
                tuple("Linux glibc mips64", "ELF", false, null),
                tuple("FreeBSD x86_64", "ELF", false, null),
                tuple("FreeBSD aarch64", "ELF", false, null),
                tuple("Solaris x86_64", "ELF", false, null),
                tuple("macOS arm64", "Mach-O", false, null),
                tuple("Windows x86_64", "PE", false, null));
        assertThat(platform(r, "Linux glibc mips64").note()).startsWith("no wheel tag for mips64");
        assertThat(release(platform(r, "Linux glibc armv7l"), "debian", "12").compatible()).isTrue();
        // FreeBSD's and Solaris' requirements are not mixed into the Linux ones
        assertThat(r.needs().requirements()).containsOnlyKeys("libc.so.6");
    }

    @Test
    void anNpmPackageWithPrebuiltAddons() throws Exception {
        CheckReport r = checker.check(Corpus.npm("fixture-addon-1.0.0.tgz"), null);
        assertThat(summary(r)).containsExactly(
                tuple("Linux glibc x86_64", "ELF", true, "manylinux_2_5_x86_64"),
                tuple("Linux musl x86_64", "ELF", true, "musllinux_1_2_x86_64"),
                tuple("Linux glibc aarch64", "ELF", true, "manylinux_2_17_aarch64"),
                tuple("Linux glibc armv7l", "ELF", true, "manylinux_2_17_armv7l"),
                tuple("Android aarch64", "ELF", true, "android_21_arm64_v8a"),
                tuple("macOS arm64", "Mach-O", false, null),
                tuple("Windows x86_64", "PE", false, null));
        PlatformReport x64 = platform(r, "Linux glibc x86_64");
        assertThat(x64.files()).containsExactly("package/prebuilds/linux-x64/addon.glibc.node");
        // the napi_* functions come from node itself: listed, not judged
        assertThat(x64.needs().unversionedSymbols()).contains("napi_create_int32");
        assertThat(release(x64, "centos", "7").compatible()).isTrue();
    }

    @Test
    void theMissingNeedsOfAReleaseNameTheirSymbols() throws Exception {
        CheckReport r = checker.check(Corpus.wheel(Corpus.reference("core").wheel()), null);
        CheckQuery.Verdict centos = release(r.primary(), "centos", "7");
        assertThat(centos.compatible()).isFalse();
        assertThat(centos.missing()).singleElement().satisfies(m -> {
            assertThat(m.version()).isEqualTo("GLIBC_2.34");
            assertThat(m.symbols()).extracting(s -> s.file() + ":" + s.name()).containsExactly(
                    "core.libs/libhelper-6f1e2a3b.so.1:pthread_create", "core.libs/libhelper-6f1e2a3b.so.1:pthread_join");
            assertThat(m.symbolCount()).isEqualTo(2);
        });
        assertThat(Checker.firstMissing(centos)).isEqualTo("needs GLIBC_2.34 for pthread_create, pthread_join "
                + "(in core.libs/libhelper-6f1e2a3b.so.1), has up to 2.17");
        assertThat(r.why("GLIBC_2.34")).singleElement().satisfies(w -> {
            assertThat(w.soname()).isEqualTo("libc.so.6");
            assertThat(w.files()).containsExactly("core.libs/libhelper-6f1e2a3b.so.1");
            assertThat(w.symbols()).hasSize(2);
        });
        assertThat(r.why("GLIBC_2.99")).isEmpty();
        Map<String, Object> json = r.toJson();
        assertThat(json.get("releases").toString()).contains("symbol_count=2", "name=pthread_create");
    }

    @Test
    void theStrongestEvidenceDecidesAFilesPlatform() throws Exception {
        Map<String, ElfFile> jar = elfs(Corpus.jar("dbdriver-3.0.jar"));
        Map<String, ElfFile> jna = elfs(Corpus.jar("natives-1.0.jar"));
        // NEEDED
        assertThat(detect("x.so", jar.get("org/example/native/Linux/x86_64/libdb.so")))
                .isEqualTo(new Platform(Platform.Os.LINUX, Platform.GLIBC, "x86_64"));
        assertThat(detect("x.so", jar.get("org/example/native/Linux-Musl/x86_64/libdb.so")).libc()).isEqualTo("musl");
        assertThat(detect("x.so", jar.get("org/example/native/Linux-Android/aarch64/libdb.so")).os())
                .isEqualTo(Platform.Os.ANDROID);
        assertThat(detect("x.so", jna.get("sunos-x86-64/libjnidispatch.so")).os()).isEqualTo(Platform.Os.SOLARIS);
        assertThat(detect("x.so", jna.get("freebsd-x86-64/libjnidispatch.so")).os()).isEqualTo(Platform.Os.FREEBSD);
        // NEEDED outweighs a misleading path
        assertThat(detect("Linux-Musl/libdb.so", jar.get("org/example/native/Linux/x86_64/libdb.so")).libc())
                .isEqualTo("glibc");
        // the OS ABI byte, with nothing needed
        assertThat(detect("lib/x.so", jna.get("freebsd-aarch64/libjnidispatch.so")).os()).isEqualTo(Platform.Os.FREEBSD);
        // the extension suffix, with nothing needed
        ElfFile testsimple = elfs(Corpus.wheel(Corpus.reference("testsimple").wheel()))
                .get("testsimple.cpython-312-x86_64-linux-musl.so");
        assertThat(detect("testsimple.cpython-312-x86_64-linux-musl.so", testsimple).libc()).isEqualTo("musl");
        assertThat(detect("testsimple.so", testsimple)).isEqualTo(new Platform(Platform.Os.LINUX, null, "x86_64"));
        // the directory, with nothing else
        ElfFile muslArm = jar.get("org/example/native/Linux-Musl/aarch64/libdb.so");
        assertThat(detect("org/example/native/Linux-Musl/aarch64/libdb.so", muslArm).libc()).isEqualTo("musl");
        assertThat(detect("lib/libdb.so", muslArm).libc()).isNull();
        // the Android note of the extension: also NEEDED liblog.so decides first
        ElfFile droid = elfs(Corpus.wheel(Corpus.reference("droid").wheel()))
                .get("droid/_droid.cpython-313-aarch64-linux-android.so");
        assertThat(droid.hasNote("Android", 1)).isTrue();
        assertThat(droid.noteWord("Android", 1)).isEqualTo(24);
    }

    private static Platform detect(String path, ElfFile elf) {
        assertThat(elf).as(path).isNotNull();
        return PlatformDetector.detect(path, elf);
    }

    private static Map<String, ElfFile> elfs(Path input) throws Exception {
        InputContents c = InputWalker.walk(input);
        Map<String, ElfFile> out = new LinkedHashMap<>();
        for (InputContents.ElfMember m : c.elfFiles()) {
            out.put(m.path(), m.elf());
        }
        return out;
    }
}
