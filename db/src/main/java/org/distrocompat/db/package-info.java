/**
 * Opening the database: an external PostgreSQL by URL or the embedded one under the distrocompat
 * {@link org.distrocompat.db.Home}, with the Flyway migrations from the repository's {@code migrations/} applied.
 */
package org.distrocompat.db;
