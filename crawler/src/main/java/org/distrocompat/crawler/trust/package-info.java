/**
 * Trust anchors and signature checks shared by archive families: OpenPGP keyrings (files, or bundled with
 * distrocompat) and the verification of clear-signed and detached signatures (apt Release files, rpm-md
 * repomd.xml.asc) and of RPM header signatures (RSA, EdDSA, ...).
 */
package org.distrocompat.crawler.trust;
