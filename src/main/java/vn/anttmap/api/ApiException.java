package vn.anttmap.api;

/** A request the API refuses, with the HTTP status to answer. */
final class ApiException extends RuntimeException {
    final int status;
    final String error;

    ApiException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    static ApiException badParameter(String name, String detail) {
        return new ApiException(400, ErrorMessages.BAD_PARAMETER, name + ": " + detail);
    }
}
