/**
 * The pep600_compliance dataset ({@code <arch>/<distro>-<version>.json} records gathered from Docker images): its
 * file names and records read and checked, for the import run to store.
 */
package org.distrocompat.crawler.source.pep600;
