/**
 * The exception hierarchy shared by every module: {@link org.distrocompat.db.error.DistrocompatException} at the
 * root and {@link org.distrocompat.db.error.UserException} for problems the user can fix.
 */
package org.distrocompat.db.error;
