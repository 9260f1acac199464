package org.distrocompat.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.distrocompat.core.check.BadInputException;
import org.distrocompat.core.query.CheckReport;
import org.distrocompat.core.query.Checker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus wheel judged as auditwheel judged it: {@code overall_tag}, {@code sym_tag}, {@code pyfpe},
 * {@code ucs2}, {@code unsupported_isa} and {@code versioned_symbols} equal the verdict recorded in
 * {@code reference.json}; a pure wheel is pure; a wheel auditwheel refuses is refused too (an architecture with no
 * wheel tag: bad input) or its claimed tag is inaccurate (a libc other than the tag's). {@link AuditwheelLiveTest}
 * re-runs the reference itself where it is installed.
 */
class AuditwheelParityTest {
    /** What distrocompat says where auditwheel refuses a wheel. */
    private static final Map<String, String> REFUSED = Map.of(
            "armv5", "no wheel tag for armv5l",
            "mips", "no wheel tag for mips64",
            "mwrong", "linked against musl, not glibc",
            "gwrong", "linked against glibc, not musl");

    static Stream<Corpus.Reference> wheels() {
        return Corpus.references().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wheels")
    void sameVerdictAsAuditwheel(Corpus.Reference ref) throws Exception {
        Checker checker = new Checker(Corpus.noReleases());
        String key = ref.wheel().substring(0, ref.wheel().indexOf('-'));
        if (ref.refused()) {
            String expected = REFUSED.get(key);
            assertThat(expected).as("a refused wheel needs an expectation: " + ref.wheel()).isNotNull();
            if (expected.startsWith("no wheel tag")) {
                assertThatThrownBy(() -> checker.check(Corpus.wheel(ref.wheel()), null))
                        .isInstanceOf(BadInputException.class).hasMessageStartingWith(expected);
            } else {
                CheckReport r = checker.check(Corpus.wheel(ref.wheel()), null);
                assertThat(r.tagsAccurate()).isFalse();
                assertThat(r.tagVerdicts().get(0).reason()).isEqualTo(expected);
            }
            return;
        }
        CheckReport r = checker.check(Corpus.wheel(ref.wheel()), null);
        if (ref.pure()) {
            assertThat(r.pure()).isTrue();
            assertThat(r.overallTag()).isNull();
            assertThat(r.tagsAccurate()).isTrue();
            return;
        }
        assertThat(r.overallTag()).as("overall_tag").isEqualTo(ref.overallTag());
        assertThat(r.symTag()).as("sym_tag").isEqualTo(ref.symTag());
        Map<String, Object> json = r.toJson();
        assertThat(json.get("pyfpe")).as("pyfpe").isEqualTo(ref.auditwheel().get("pyfpe").asBoolean());
        assertThat(json.get("ucs2")).as("ucs2").isEqualTo(ref.auditwheel().get("ucs2").asBoolean());
        assertThat(json.get("unsupported_isa")).as("unsupported_isa")
                .isEqualTo(ref.auditwheel().get("unsupported_isa").asBoolean());
        assertThat(Corpus.sorted(r.needs().versionedSymbols())).as("versioned_symbols").isEqualTo(ref.versionedSymbols());
    }

    /** The corpus covers every case of the issue, and auditwheel's recorded verdict says so. */
    @Test
    void theCorpusCoversEveryCase() {
        assertThat(Corpus.reference("testsimple").overallTag()).isEqualTo("musllinux_1_2_x86_64");
        assertThat(Corpus.reference("zint").overallTag()).isEqualTo("linux_x86_64");
        assertThat(Corpus.reference("zint").auditwheel().path("policy_upgrades").path("manylinux_2_5_x86_64")
                .path("blacklisted_symbols").path("libz.so.1").toString()).contains("zcalloc", "zcfree");
        assertThat(Corpus.reference("fpe").auditwheel().get("pyfpe").asBoolean()).isTrue();
        assertThat(Corpus.reference("pylink").auditwheel().get("external_libs").has("libpython3.11.so.1.0")).isTrue();
        assertThat(Corpus.reference("droid").overallTag()).isEqualTo("android_24_arm64_v8a");
        assertThat(Corpus.reference("armv5").refused()).isTrue();
        assertThat(Corpus.reference("mips").refused()).isTrue();
        for (String level : List.of("isav2", "isav3", "isav4")) {
            assertThat(Corpus.reference(level).auditwheel().get("unsupported_isa").asBoolean()).as(level).isTrue();
        }
        assertThat(Corpus.reference("isabase").auditwheel().get("unsupported_isa").asBoolean()).isFalse();
        assertThat(Corpus.reference("pure").pure()).isTrue();
        assertThat(Corpus.reference("mplain").overallTag()).startsWith("musllinux_");
        assertThat(Corpus.reference("plain").overallTag()).startsWith("manylinux_");
        assertThat(Corpus.reference("mwrong").refused()).isTrue();
        assertThat(Corpus.reference("gwrong").refused()).isTrue();
    }

    @Test
    void theLimitsSayWhyWithTheSymbols() throws Exception {
        Checker checker = new Checker(Corpus.noReleases());
        CheckReport zint = checker.check(Corpus.wheel(Corpus.reference("zint").wheel()), null);
        assertThat(zint.primary().audit().limits()).singleElement().satisfies(l -> {
            assertThat(l.criterion().id()).isEqualTo("blacklist");
            assertThat(l.reason()).isEqualTo("uses zcalloc, zcfree (in zint/_zint.cpython-312-x86_64-linux-gnu.so) of "
                    + "libz.so.1, blacklisted by every manylinux policy (some systems' libraries lack them)");
            assertThat(l.symbols()).extracting(s -> s.name()).containsExactly("zcalloc", "zcfree");
        });
        CheckReport pylink = checker.check(Corpus.wheel(Corpus.reference("pylink").wheel()), null);
        assertThat(pylink.primary().audit().limits()).extracting(l -> l.criterion().id()).containsExactly("libpython");
        assertThat(pylink.tagVerdicts().get(0).reason()).contains("libpython3.11.so.1.0");
        CheckReport threads = checker.check(Corpus.wheel(Corpus.reference("threads").wheel()), null);
        assertThat(threads.tagVerdicts().get(0).reason()).isEqualTo("needs GLIBC_2.34 (libc.so.6) for pthread_create, "
                + "pthread_join (in threads/_threads.cpython-312-x86_64-linux-gnu.so); manylinux_2_17 allows GLIBC up to 2.17");
        CheckReport isa = checker.check(Corpus.wheel(Corpus.reference("isav3").wheel()), null);
        assertThat(isa.primary().audit().limits()).singleElement().satisfies(l -> assertThat(l.reason())
                .startsWith("isav3/_plain.cpython-312-x86_64-linux-gnu.so needs x86_64_v3"));
        // the aarch64 helper of an x86_64 wheel is its own platform, as auditwheel ignores it for the x86_64 tag
        CheckReport mixed = checker.check(Corpus.wheel(Corpus.reference("mixed").wheel()), null);
        assertThat(mixed.platforms()).extracting(p -> p.platform().label())
                .containsExactly("Linux glibc x86_64", "Linux glibc aarch64");
        assertThat(mixed.primary().platform().arch()).isEqualTo("x86_64");
    }
}
