package org.distrocompat.api.http;

import org.distrocompat.db.error.UserException;

/** A request the API refuses on purpose: the status and stable code to answer with, and one line for people. */
final class HttpProblem extends UserException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    HttpProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static HttpProblem badRequest(String message) {
        return new HttpProblem(400, ApiError.BAD_REQUEST, message);
    }

    static HttpProblem notFound(String message) {
        return new HttpProblem(404, ApiError.NOT_FOUND, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
