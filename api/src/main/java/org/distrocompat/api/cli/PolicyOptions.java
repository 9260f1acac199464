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

    public MainstreamConfig config() {
        MainstreamConfig c = mainstream == null ? MainstreamConfig.defaults() : MainstreamConfig.read(mainstream);
        return c.withInclude(include).withExclude(exclude);
    }
}
