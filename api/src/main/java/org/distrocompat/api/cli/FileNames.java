package org.distrocompat.api.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * File names given on the command line. The JVM decodes arguments in the system's file name encoding; a name
 * whose bytes are not valid there (a Latin-1 "café.whl" in a UTF-8 locale, any non-ASCII name in the C locale)
 * arrives with replacement characters and names no file, though the file exists. Such a name gets its own
 * explanation instead of a bare "no such file".
 */
final class FileNames {
    private static final char REPLACEMENT = '\uFFFD';

    private FileNames() {
    }

    /**
     * picocli's converter for every {@code Path} argument: a name the file name encoding cannot represent at all
     * (any non-ASCII name in the C locale) is explained instead of "cannot convert ... InvalidPathException".
     */
    static Path path(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            String encoding = System.getProperty("sun.jnu.encoding", "the system's encoding");
            throw new CommandLine.TypeConversionException("the file name '" + arg + "' holds characters the file name "
                    + "encoding of this locale (" + encoding + ") cannot represent; run in a UTF-8 locale "
                    + "(LC_ALL=C.UTF-8) or rename the file");
        }
    }

    /** {@code plain} ("no such file"), or why the name could not be found although it may well exist. */
    static String missing(Path file, String plain) {
        if (file.toString().indexOf(REPLACEMENT) < 0) {
            return plain;
        }
        String encoding = System.getProperty("sun.jnu.encoding", "the system's encoding");
        return plain + ": the name holds bytes that are not valid " + encoding + " (the file name encoding of this "
                + "locale), so it cannot be opened by that name; rename the file"
                + (encoding.toUpperCase(Locale.ROOT).contains("UTF") ? "" : " or run in a UTF-8 locale "
                        + "(LC_ALL=C.UTF-8)");
    }
}
