/**
 * What an input needs from the system: {@link org.distrocompat.core.check.InputWalker} walks a wheel, jar, npm
 * tarball, .deb, directory or single ELF file as a stream (through the crawler's archive readers, within
 * {@link org.distrocompat.core.check.WalkLimits}) and parses every ELF file inside (Mach-O and PE natives are
 * recognised and listed); {@link org.distrocompat.core.check.PlatformDetector} tells each file's OS, libc and
 * architecture and {@link org.distrocompat.core.check.PlatformGroups} groups them;
 * {@link org.distrocompat.core.check.InputNeeds} resolves which sonames a platform's files bring themselves and
 * which symbol versions they require of the base system, with the symbols behind each;
 * {@link org.distrocompat.core.check.AbiFacts} holds what auditwheel's further criteria look at. No database, no
 * policy: those are the query's.
 */
package org.distrocompat.core.check;
