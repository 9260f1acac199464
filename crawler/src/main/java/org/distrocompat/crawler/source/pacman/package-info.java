/**
 * pacman repositories ({@code "type": "pacman"}): Arch Linux's {@code <repo>/os/<arch>/<repo>.db} (a tar, gzip or
 * zstd, of {@code desc} entries) on a live mirror, and the dated Arch Linux Archive ({@code repos/YYYY/MM/DD/}),
 * whose snapshots are releases of their own ("archlinux 20191006", the identity pep600_compliance records use).
 * Packages (glibc, gcc-libs) are checked against the db's SHA256 and, with a keyring configured, their detached
 * OpenPGP signatures (the db's {@code %PGPSIG%} or the {@code .sig} beside the package) like pacman's
 * {@code SigLevel = Required DatabaseOptional}.
 */
package org.distrocompat.crawler.source.pacman;
