/**
 * The scheduled refresh inside {@code serve}: a recurring task of db-scheduler on the server's own PostgreSQL, so
 * that any number of replicas run each refresh once, a run whose replica died is taken over, and every run is
 * recorded ({@code refresh_run}) and publishes its files into the database for every replica to serve.
 */
package org.distrocompat.api.schedule;
