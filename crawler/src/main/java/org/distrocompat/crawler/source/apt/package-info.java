/**
 * The apt source (Debian, Ubuntu and their archives): signed InRelease/Release, suite discovery, Packages indices
 * streamed and scanned, .debs verified against their index, Debian version syntax, the host's apt sources as a
 * place to find a mirror.
 */
package org.distrocompat.crawler.source.apt;
