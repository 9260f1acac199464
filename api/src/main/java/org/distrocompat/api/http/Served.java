package org.distrocompat.api.http;

/** Where routes get the data they read: the current {@link ServedData}, or 503 while none is loaded yet. */
@FunctionalInterface
interface Served {
    ServedData current();

    default ServedData data() {
        ServedData d = current();
        if (d == null) {
            throw new HttpProblem(503, ApiError.UNAVAILABLE, "the server is starting: the release data is not loaded "
                    + "yet (see /readyz)");
        }
        return d;
    }
}
