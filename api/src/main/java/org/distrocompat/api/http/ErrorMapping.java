package org.distrocompat.api.http;

import org.distrocompat.core.check.BadInputException;
import org.distrocompat.core.check.InputLimitException;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseException;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.error.UserException;

/**
 * Which status and code a failure answers with. The order matters: the most specific kind first.
 * <ul>
 * <li>the request body is over the upload limit (anywhere in the cause chain) → 413 {@code payload_too_large};</li>
 * <li>the upload expands past a walk limit (members, decompressed bytes, ELF size) → 422 {@code input_limit};</li>
 * <li>the upload is not an archive or ELF file, or is damaged → 422 {@code bad_input};</li>
 * <li>the database cannot be reached or refuses service → 503 {@code database_unavailable};</li>
 * <li>any other {@link UserException} (a bad parameter) → 400 {@code bad_request};</li>
 * <li>any other {@link DistrocompatException} (the environment failed) → 503 {@code unavailable};</li>
 * <li>anything else is a bug → 500 {@code internal}, with a message that names no class and no stack.</li>
 * </ul>
 */
final class ErrorMapping {
    private ErrorMapping() {
    }

    static ApiError of(Throwable e, String path) {
        UploadLimit.TooLarge tooLarge = find(e, UploadLimit.TooLarge.class);
        if (tooLarge != null) {
            return new ApiError(413, ApiError.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), path);
        }
        if (e instanceof HttpProblem p) {
            return new ApiError(p.status(), p.code(), Messages.of(p), path);
        }
        if (e instanceof InputLimitException) {
            return new ApiError(422, ApiError.INPUT_LIMIT, Messages.of(e), path);
        }
        if (e instanceof BadInputException) {
            return new ApiError(422, ApiError.BAD_INPUT, Messages.of(e), path);
        }
        if (e instanceof DatabaseException || Database.unavailable(e)) {
            return new ApiError(503, ApiError.DATABASE_UNAVAILABLE, "the database is not available right now; "
                    + "try again later", path);
        }
        if (e instanceof UserException) {
            return new ApiError(400, ApiError.BAD_REQUEST, Messages.of(e), path);
        }
        if (e instanceof DistrocompatException) {
            return new ApiError(503, ApiError.UNAVAILABLE, Messages.of(e), path);
        }
        return new ApiError(500, ApiError.INTERNAL, "internal error; the server log has the details", path);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
