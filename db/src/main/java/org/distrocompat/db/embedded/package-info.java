/**
 * The embedded PostgreSQL behind the default database: one owner process per home, orphaned servers stopped.
 */
package org.distrocompat.db.embedded;
