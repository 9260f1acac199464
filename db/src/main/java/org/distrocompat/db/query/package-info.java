/**
 * Read queries over the stored releases: the release catalog, a release's history, the facts policy derivation
 * needs.
 */
package org.distrocompat.db.query;
