/**
 * The release snapshot: a compact file of every cell's version names that {@code check} reads in milliseconds
 * without starting the database, rewritten after every write.
 */
package org.distrocompat.db.snapshot;
