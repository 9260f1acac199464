/**
 * {@code distrocompat serve}: the HTTP server. {@link org.distrocompat.api.http.Server} wires the databases, the
 * data the requests read ({@link org.distrocompat.api.http.DataWatcher}), the scheduled refresh and the Javalin
 * app ({@link org.distrocompat.api.http.HttpApi}); one class per group of routes (releases, check, policy,
 * pairings and tags, operations, the web page); errors leave as one stable JSON shape
 * ({@link org.distrocompat.api.http.ApiError}); the OpenAPI document beside the classes describes every route.
 */
package org.distrocompat.api.http;
