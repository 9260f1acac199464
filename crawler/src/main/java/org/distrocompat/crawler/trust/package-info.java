/**
 * Trust anchors and signature checks shared by archive families: OpenPGP keyrings and the verification of clear-
 * signed and detached signatures (apt Release files, rpm-md repomd.xml.asc).
 */
package org.distrocompat.crawler.trust;
