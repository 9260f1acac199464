/**
 * Questions answered from the stored release data, shared by the CLI and the HTTP API: which releases an input
 * runs on and whether its tags are true ({@link org.distrocompat.core.query.Checker}, judging tags with the
 * policies of {@code core.policy}), the platform tags pip accepts on a glibc, and gcc/glibc pairings per release.
 */
package org.distrocompat.core.query;
