package org.distrocompat.core.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.core.check.Platform.Os;
import org.distrocompat.db.model.Arch;

/**
 * An input's native files grouped by platform ({@link PlatformDetector} for ELF files, the header for Mach-O and
 * PE). A Linux file that needs no libc runs wherever its architecture does: it joins every Linux group of its
 * architecture, and when there is none it forms its own, whose libc the wheel tag names (manylinux: glibc,
 * musllinux: musl) if the input is a wheel, else none. Groups come in the order a report lists them: Linux ones of
 * wheel architectures (in {@link Arch} order, glibc before musl), Linux ones of other architectures, then other
 * systems' ELF files (Android first), then Mach-O and PE files, each by system and architecture.
 */
public final class PlatformGroups {

    /** One platform's files: its ELF files (in input order) or its Mach-O / PE files. */
    public record Group(Platform platform, List<InputContents.ElfMember> elfFiles, List<ForeignBinary> foreign) {
        public Group {
            elfFiles = List.copyOf(elfFiles);
            foreign = List.copyOf(foreign);
        }

        /** Every file of the platform, ELF or not, in input order. */
        public List<String> paths() {
            List<String> out = new ArrayList<>();
            elfFiles.forEach(m -> out.add(m.path()));
            foreign.forEach(f -> out.add(f.path()));
            return out;
        }
    }

    private PlatformGroups() {
    }

    /** The groups of {@code contents}; {@code tagLibc} ("glibc", "musl" or null) is the wheel tag's libc. */
    public static List<Group> of(InputContents contents, String tagLibc) {
        List<InputContents.ElfMember> members = contents.elfFiles();
        List<Platform> detected = new ArrayList<>(members.size());
        Map<Platform, List<InputContents.ElfMember>> elf = new LinkedHashMap<>();
        for (InputContents.ElfMember m : members) {
            Platform p = PlatformDetector.detect(m.path(), m.elf());
            detected.add(p);
            if (!p.isLinux() || p.libc() != null) {
                elf.putIfAbsent(p, new ArrayList<>());
            }
        }
        // in input order; a libc-neutral file goes to each Linux group of its arch, or to one of its own
        for (int i = 0; i < members.size(); i++) {
            Platform p = detected.get(i);
            if (!p.isLinux() || p.libc() != null) {
                elf.get(p).add(members.get(i));
                continue;
            }
            List<Platform> joined = elf.keySet().stream()
                    .filter(q -> q.isLinux() && q.libc() != null && q.arch().equals(p.arch())).toList();
            if (joined.isEmpty()) {
                joined = List.of(new Platform(Os.LINUX, tagLibc, p.arch()));
            }
            for (Platform q : joined) {
                elf.computeIfAbsent(q, k -> new ArrayList<>()).add(members.get(i));
            }
        }
        Map<Platform, List<ForeignBinary>> foreign = new LinkedHashMap<>();
        for (ForeignBinary f : contents.foreignBinaries()) {
            foreign.computeIfAbsent(f.platform(), k -> new ArrayList<>()).add(f);
        }
        List<Group> groups = new ArrayList<>();
        elf.forEach((p, files) -> groups.add(new Group(p, files, List.of())));
        foreign.forEach((p, files) -> groups.add(new Group(p, List.of(), files)));
        groups.sort(ORDER);
        return groups;
    }

    private static final Comparator<Group> ORDER = Comparator
            .comparingInt((Group g) -> g.platform().hasWheelTag() ? 0 : g.platform().isLinux() ? 1
                    : g.foreign().isEmpty() ? 2 : 3)
            .thenComparingInt(g -> g.platform().os().ordinal())
            .thenComparingInt(g -> Arch.fromAnyName(g.platform().arch()).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
            .thenComparing(g -> g.platform().arch())
            .thenComparingInt(g -> libcRank(g.platform().libc()));

    private static int libcRank(String libc) {
        return libc == null ? 2 : switch (libc) {
            case Platform.GLIBC -> 0;
            case Platform.MUSL -> 1;
            default -> 3;
        };
    }
}
