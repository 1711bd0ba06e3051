package vn.anttmap.api;

/** The {@code error} strings the API answers with; {@code detail} says the specifics. */
final class ErrorMessages {
    static final String BAD_PARAMETER = "invalid query parameter";
    static final String UNKNOWN_PARAMETER = "unknown query parameter";
    static final String NOT_FOUND = "not found";
    static final String INVALID_INPUT = "invalid input";
    static final String NOT_IN_FORCE = "kỳ đánh giá trước khi Thông tư có hiệu lực / period before the standard came into force";
    static final String STORE_FAILURE = "storage failure";
    static final String INTERNAL = "internal error";

    private ErrorMessages() {
    }
}
