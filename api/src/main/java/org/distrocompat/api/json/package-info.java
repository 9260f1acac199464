/**
 * The JSON both front doors speak: the mapper (pretty for the command line, compact for HTTP) and the shapes of
 * releases, pairings and package history, so that {@code releases --json} and {@code GET /api/releases} cannot
 * drift apart.
 */
package org.distrocompat.api.json;
