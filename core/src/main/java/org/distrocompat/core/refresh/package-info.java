/**
 * The scheduled refresh: crawl, derive the manylinux policy, check its invariants and publish it atomically with
 * a diff against the previous file.
 */
package org.distrocompat.core.refresh;
