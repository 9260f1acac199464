package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.query.TagOrder;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tags --glibc 2.31 --arch x86_64}: the platform tags pip accepts there, in the order it tries them. */
@Command(name = "tags", header = "Platform tags pip accepts for a glibc and arch, in pip's order",
        mixinStandardHelpOptions = true,
        description = "The platform tags a pip on a system with this glibc and arch accepts, most specific first "
                + "(the order of packaging's tags module)")
final class TagsCommand extends CommandBase implements Callable<Integer> {
    private static final Pattern GLIBC = Pattern.compile("(\\d{1,3})\\.(\\d{1,4})");
    /** glibc is 2.x; a pip's tags go down from the system's minor, so an absurd minor means millions of tags. */
    private static final int MAX_MAJOR = 9;
    private static final int MAX_MINOR = 999;

    @Option(names = "--glibc", required = true, paramLabel = "MAJOR.MINOR", description = "the system's glibc, e.g. 2.31")
    String glibc;

    @Option(names = "--arch", required = true, description = "the system's architecture (wheel or distro name; armv8l too)")
    String arch;

    @Option(names = "--json", description = "print a JSON array of tags")
    boolean json;

    @Override
    public Integer call() {
        Matcher m = GLIBC.matcher(glibc.trim());
        if (!m.matches()) {
            throw new UserException("--glibc: expected MAJOR.MINOR such as 2.31, got '" + glibc + "'"
                    + (glibc.trim().matches("\\d+\\.\\d+") ? " (out of range)" : ""));
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 1 || major > MAX_MAJOR || minor > MAX_MINOR) {
            throw new UserException("--glibc: " + glibc.trim() + " is out of range (MAJOR 1 to " + MAX_MAJOR
                    + ", MINOR 0 to " + MAX_MINOR + "; glibc is 2.x)");
        }
        String a = arch.trim().equals("armv8l") ? "armv8l" : Arch.parse(arch).wheelName();
        List<String> tags = TagOrder.platformTags(major, minor, a);
        PrintWriter out = out();
        if (json) {
            Json.print(out, tags);
        } else {
            tags.forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
