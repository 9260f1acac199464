/**
 * The rpm-md source (Fedora, CentOS, AlmaLinux, Rocky, Oracle Linux, openSUSE, Amazon Linux): per release the
 * repomd.xml of each of its repositories (verified through repomd.xml.asc where the distro signs it), the primary
 * metadata streamed with StAX and scanned for the packages that provide the base libraries, packages checked against
 * primary's SHA256 and their header signatures (dnf's gpgcheck), RPM version syntax and ordering, and how repository
 * architectures map to cells (multilib i686 packages of x86_64 repositories go to the i686 cell).
 */
package org.distrocompat.crawler.source.rpm;
