package org.distrocompat.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape every error response has: {@code {"status": 422, "error": "bad_input", "message": "...",
 * "path": "/api/check"}}. {@code error} is a stable code a client can branch on; {@code message} is one line for
 * people. No stack trace, class name or SQL ever goes into either.
 */
record ApiError(int status, String error, String message, String path) {

    static final String BAD_REQUEST = "bad_request";
    static final String NOT_FOUND = "not_found";
    static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    static final String BAD_INPUT = "bad_input";
    static final String INPUT_LIMIT = "input_limit";
    static final String BUSY = "busy";
    static final String UNAVAILABLE = "unavailable";
    static final String DATABASE_UNAVAILABLE = "database_unavailable";
    static final String INTERNAL = "internal";

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("error", error);
        m.put("message", message);
        m.put("path", path);
        return m;
    }
}
