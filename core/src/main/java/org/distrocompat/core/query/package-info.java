/**
 * Questions answered from the stored release data, shared by the CLI and the HTTP API: which releases an input
 * runs on and whether its tags are true ({@link org.distrocompat.core.query.Checker}: one
 * {@link org.distrocompat.core.query.PlatformReport} per platform of the input, judged with the policies of
 * {@code core.policy}; further per-release tests plug in as {@link org.distrocompat.core.query.ReleaseJudgement}s;
 * {@link org.distrocompat.core.query.CheckReport#toJson()} is the documented JSON), the platform tags pip accepts
 * on a glibc, and gcc/glibc pairings per release.
 */
package org.distrocompat.core.query;
