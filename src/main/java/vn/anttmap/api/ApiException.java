package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import vn.anttmap.api.Messages.Text;

/**
 * A request the API refuses, with the HTTP status to answer, its title ({@link Key}) and its detail in both languages
 * (the answer is in the language the request asks for). {@link #getMessage()} is the English detail.
 */
final class ApiException extends RuntimeException {
    final int status;
    final Key error;
    final Text detail;

    ApiException(int status, Key error, Text detail) {
        super(detail.en());
        this.status = status;
        this.error = error;
        this.detail = detail;
    }

    /** A detail written as {@code "vi / en"} (split) or in one language only (the same in both). */
    ApiException(int status, Key error, String detail) {
        this(status, error, Text.split(detail));
    }

    /** A bad query parameter, named in the detail. */
    static ApiException badParameter(String name, Text detail) {
        return new ApiException(400, Key.BAD_PARAMETER, Key.PARAMETER.format(name, detail));
    }

    static ApiException badParameter(String name, String detail) {
        return badParameter(name, Text.split(detail));
    }
}
