/**
 * The closed vocabularies every module shares, mirroring the schema's CHECK constraints (architectures, libc
 * flavours, provenance, release and run status) and the reading of symbol version names.
 */
package org.distrocompat.db.model;
