package org.distrocompat.api.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distrocompat.core.policy.MainstreamConfig;
import picocli.CommandLine.Option;

/** Which releases count as mainstream: {@code --mainstream FILE}, {@code --include}, {@code --exclude}. */
final class PolicyOptions {

    @Option(names = "--mainstream", paramLabel = "FILE",
            description = "mainstream configuration file (format: see --show-config; default: status supported or eol)")
    Path mainstream;

    @Option(names = "--include", split = ",", paramLabel = "DISTRO[-RELEASE]",
            description = "count these releases as mainstream whatever their status (e.g. debian-testing)")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "DISTRO[-RELEASE]",
            description = "never count these (e.g. photon, ubuntu-13.04)")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--gap", paramLabel = "RULE",
            description = "where an arch has no release at glibc 2.Y: take its other bounds from its next releases "
                    + "(next, the default) or cap them at the x86_64 bound (x86_64, as auditwheel's file does)")
    MainstreamConfig.GapRule gap;

    public MainstreamConfig config() {
        MainstreamConfig c = mainstream == null ? MainstreamConfig.defaults() : MainstreamConfig.read(mainstream);
        c = c.withInclude(include).withExclude(exclude);
        return gap == null ? c : c.withGap(gap);
    }
}
