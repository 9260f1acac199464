package org.distrocompat.crawler.archive;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which shared libraries to take from a package: names the dynamic loader looks up (libc.so.6,
 * libstdc++.so.6, ...) and the dynamic loader itself, whatever the architecture calls it
 * (ld-linux-x86-64.so.2, ld-linux-aarch64.so.1, ld-linux-armhf.so.3, ld-linux.so.2, ld64.so.2, ld64.so.1,
 * ld-linux-riscv64-lp64d.so.1, ld.so.1, ...) and musl's (ld-musl-x86_64.so.1, which is musl's libc, and the
 * libc.musl-x86_64.so.1 name Alpine links it under), found in the library directories
 * ({@code /lib}, {@code /usr/lib}, their {@code <triplet>} subdirectories and {@code lib32/lib64/libx32}).
 */
public final class LibrarySelector {
    /** glibc's base libraries and the gcc runtimes, by soname. */
    public static final Set<String> BASE_SONAMES = Set.of("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
            "librt.so.1", "libutil.so.1", "libresolv.so.2", "libnsl.so.1", "libanl.so.1", "libmvec.so.1",
            "libstdc++.so.6", "libgcc_s.so.1");

    private static final Pattern LOADER = Pattern.compile("ld-linux[^/]*\\.so\\.\\d+|ld64\\.so\\.\\d+|ld\\.so\\.\\d+"
            + "|ld-musl-[^/]*\\.so\\.\\d+|libc\\.musl-[^/]*\\.so\\.\\d+");
    private static final Pattern LIB_DIR = Pattern.compile("(usr/)?lib(32|64|x32)?(/[^/]+)?");

    private final Set<String> sonames;

    public LibrarySelector(Set<String> sonames) {
        this.sonames = Set.copyOf(sonames);
    }

    public static LibrarySelector base() {
        return new LibrarySelector(BASE_SONAMES);
    }

    /** Whether a name (without directory) is one the crawl wants. */
    public boolean wantsName(String basename) {
        return sonames.contains(basename) || LOADER.matcher(basename).matches();
    }

    /** Whether a relative directory ("lib/x86_64-linux-gnu", "usr/lib") is one the loader searches. */
    public static boolean isLibraryDirectory(String dir) {
        return LIB_DIR.matcher(dir).matches();
    }

    /** Whether a regular file could be (the target of) a wanted library: a shared object in a library directory. */
    public static boolean mayBeLibraryFile(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String base = path.substring(slash + 1);
        return isLibraryDirectory(dir) && base.contains(".so");
    }
}
