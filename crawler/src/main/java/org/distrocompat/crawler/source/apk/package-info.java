/**
 * Alpine's apk repositories ({@code "type": "apk"}): {@code <release>/<repository>/<arch>/APKINDEX.tar.gz} verified
 * like apk-tools does (an RSA signature by one of the configured public keys), then the chain of hashes down to
 * every file: the index's {@code C:} checksum covers a package's control segment, whose {@code .PKGINFO} datahash
 * covers its data segment. The packages musl, libstdc++, libgcc and libatomic are read as streams; a release's libc
 * is musl with the musl package's version.
 */
package org.distrocompat.crawler.source.apk;
