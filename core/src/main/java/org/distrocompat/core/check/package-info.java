/**
 * What an input needs from the system: {@link org.distrocompat.core.check.InputWalker} walks a wheel, jar, npm
 * tarball, .deb, directory or single ELF file as a stream (through the crawler's archive readers, within
 * {@link org.distrocompat.core.check.WalkLimits}) and parses every ELF file inside;
 * {@link org.distrocompat.core.check.InputNeeds} resolves which sonames the ELF files bring themselves and which
 * symbol versions they require of the base system. No database, no policy: those are the query's.
 */
package org.distrocompat.core.check;
