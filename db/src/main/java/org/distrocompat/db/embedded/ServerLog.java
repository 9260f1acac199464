package org.distrocompat.db.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of initdb, pg_ctl and the embedded server ({@code $DISTROCOMPAT_HOME/postgres.log}), kept so that a
 * failed start can say why in one line ("initdb: error: could not create directory …: No space left on device")
 * instead of "Process [...] failed". Rotated once it passes a megabyte.
 */
final class ServerLog {
    private static final long ROTATE_BYTES = 1 << 20;
    private static final List<String> PROBLEM_WORDS = List.of("no space left", "panic", "fatal", "error",
            "could not", "cannot", "permission denied", "read-only");

    private static final Pattern SEVERITY = Pattern.compile("\\b(PANIC|FATAL|ERROR|initdb: error|pg_ctl: )");

    private final Path file;
    private final long startOffset;

    private ServerLog(Path file, long startOffset) {
        this.file = file;
        this.startOffset = startOffset;
    }

    /** Opens the log for one start: rotates a large one, remembers where this start's output begins. */
    static ServerLog open(Path file) {
        long offset = 0;
        try {
            if (Files.size(file) > ROTATE_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            } else {
                offset = Files.size(file);
            }
        } catch (IOException e) {
            offset = 0; // no log yet
        }
        return new ServerLog(file, offset);
    }

    Path file() {
        return file;
    }

    /** The most telling line this start wrote (the last one naming a problem, else the last one), if any. */
    Optional<String> lastProblem() {
        List<String> lines;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(startOffset, f.length() - 64 * 1024);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            lines = new String(tail, StandardCharsets.UTF_8).lines().map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String word : PROBLEM_WORDS) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).toLowerCase(Locale.ROOT).contains(word)) {
                    return Optional.of(withoutPrefix(lines.get(i)));
                }
            }
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    /** The line from its severity on ("FATAL:  could not write …"), without the timestamp and progress before it. */
    private static String withoutPrefix(String line) {
        Matcher m = SEVERITY.matcher(line);
        return m.find() ? line.substring(m.start()).replaceAll("\\s+", " ") : line;
    }
}
