package org.distrocompat.crawler.archive;

/**
 * A shared library read from a package.
 *
 * @param soname the name the dynamic loader looks up (libc.so.6), which may be a symlink in the package
 * @param path   the real file in the package, absolute ("/lib/x86_64-linux-gnu/libc-2.31.so")
 * @param data   the file's bytes
 */
public record ExtractedLibrary(String soname, String path, byte[] data) {
}
