/**
 * The release calendar: release, end-of-support and extended-support dates per release cycle, read from
 * distro-info-data's CSVs (Debian, Ubuntu) and endoflife.date's product files, stored with history, mapped to the
 * stored releases, and the support status of a release on a given date (supported, extended, eol, devel, rolling).
 */
package org.distrocompat.core.calendar;
