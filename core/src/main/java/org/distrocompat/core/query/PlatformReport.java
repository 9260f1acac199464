package org.distrocompat.core.query;

import java.util.List;
import org.distrocompat.core.check.AbiFacts;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.Platform;
import org.distrocompat.core.policy.PolicyAudit;

/**
 * The verdict for one platform of an input (see {@link org.distrocompat.core.check.PlatformGroups}): its files
 * and, when it is judged, its needs, the verdict per stored release of its architecture and libc, the oldest libc
 * version among the compatible releases, and auditwheel's tags with the limits behind them.
 *
 * @param platform        OS, libc, architecture
 * @param format          "ELF", "Mach-O" or "PE"
 * @param files           every file of the platform (paths inside the input)
 * @param judged          false for platforms no verdict is given for (other systems, architectures without a
 *                        wheel tag and no stored release); {@code note} says why
 * @param note            why the platform is not judged, or how (Android: by auditwheel's Android policy); or null
 * @param needs           what the files need (null when not ELF)
 * @param facts           what auditwheel's further criteria look at (null when not ELF)
 * @param notInBaseSystem needed sonames no stored release of the architecture provides
 * @param verdicts        one per stored release of the architecture and libc
 * @param oldestLibc      the lowest libc version among the compatible releases, or null
 * @param audit           auditwheel's verdict by the official policy of the libc (null when not judged)
 * @param policyTag       the best tag by the additional policy file (--policy), or null
 */
public record PlatformReport(Platform platform, String format, List<String> files, boolean judged, String note,
        InputNeeds needs, AbiFacts facts, List<String> notInBaseSystem, List<CheckQuery.Verdict> verdicts,
        String oldestLibc, PolicyAudit.Result audit, String policyTag) {

    public PlatformReport {
        files = List.copyOf(files);
        notInBaseSystem = List.copyOf(notInBaseSystem);
        verdicts = List.copyOf(verdicts);
    }

    public String overallTag() {
        return audit == null ? null : audit.overallTag();
    }

    public String symTag() {
        return audit == null ? null : audit.symTag();
    }

    /** A platform of Linux releases: judged against stored releases and manylinux / musllinux policies. */
    public boolean linux() {
        return platform.isLinux();
    }
}
