/**
 * Every container format distrocompat reads, as streams: nothing is unpacked to disk. A zip is the exception that
 * proves it: it is read through its central directory, as installers read it, and a zip that arrives as a stream
 * is copied to a private temporary file for that ({@code ZipMembers}, {@code ZipLayout}).
 *
 * <ul>
 * <li>{@link org.distrocompat.crawler.archive.Format}: what a stream holds, told by its first bytes (the one
 * place that knows the signatures).</li>
 * <li>{@link org.distrocompat.crawler.archive.Decompression}: gzip, xz, zstd and bzip2 streams, chosen by name
 * suffix or by content.</li>
 * <li>{@link org.distrocompat.crawler.archive.MemberReader}: an archive's members one after the other (ar, a
 * .deb's file system, an rpm's cpio payload, tar, zip/jar/wheel), each a
 * {@link org.distrocompat.crawler.archive.Member}; a zip's layout is checked first, and overlapping or
 * inconsistent entries fail it.</li>
 * <li>{@link org.distrocompat.crawler.archive.ArchivePath}: the one rule for member names and link targets;
 * a name that climbs out of the archive is rejected, and the caller reports it.</li>
 * <li>{@link org.distrocompat.crawler.archive.DebReader} and
 * {@link org.distrocompat.crawler.archive.RpmReader}: the crawler's use: the wanted shared libraries of a
 * package, found as the dynamic loader finds them (an RPM's header is handed to a check, e.g. of its
 * signatures, before its payload is used).</li>
 * </ul>
 *
 * <p>A new container format is one {@code Format} constant with its signature and one {@code MemberReader} class.
 * An rpm is {@code RPM} and {@code RpmMembers}: lead and headers read by Eclipse Packager, which opens the payload
 * with the decoder the header names, then commons-compress's cpio, as {@code DebMembers} does with ar and tar.
 * Formats that are a compressed tar need no class at all: a pacman {@code .pkg.tar.zst} is zstd then tar, and an
 * Alpine {@code .apk} (gzip streams in a row) is gzip then tar. Readers throw {@link java.io.IOException} with a
 * one-line message, as commons-compress's streams do.
 */
package org.distrocompat.crawler.archive;
