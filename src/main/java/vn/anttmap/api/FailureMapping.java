package vn.anttmap.api;

import io.javalin.http.Context;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.api.Messages.Text;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.ServiceFailure;
import vn.anttmap.model.ServiceFailure.Kind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where a {@link ServiceFailure} becomes an HTTP answer: each {@link Kind}'s status and title, and what
 * the failure's extra data adds. The body is {@code {"error": title, "detail": message}} in the request's language,
 * with {@code changedBy} and {@code changedAt} when the failure names who made the record's current version and
 * {@code currentVersion} (also as the {@code ETag} header) when it carries the version; a wait comes as
 * {@code Retry-After}, and a 401 says how to authenticate ({@code WWW-Authenticate}, added by
 * {@link HttpServer#json}).
 */
public final class FailureMapping {
    private FailureMapping() {
    }

    /** The HTTP status that answers a failure of this kind. */
    public static int status(Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case NOT_ALLOWED -> 405;
            case CONFLICT -> 409;
            case PRECONDITION_REQUIRED -> 428;
            case TOO_MANY_TRIES -> 429;
        };
    }

    /** The title (the {@code error} member) of a failure of this kind. */
    static Key title(Kind kind) {
        return switch (kind) {
            case INVALID -> Key.INVALID_INPUT;
            case UNAUTHENTICATED -> Key.UNAUTHORIZED;
            case FORBIDDEN -> Key.FORBIDDEN;
            case NOT_FOUND -> Key.NOT_FOUND;
            case NOT_ALLOWED -> Key.NOT_ALLOWED;
            case CONFLICT -> Key.CONFLICT;
            case PRECONDITION_REQUIRED -> Key.PRECONDITION_REQUIRED;
            case TOO_MANY_TRIES -> Key.TOO_MANY_REQUESTS;
        };
    }

    /** Answers the request with the failure. */
    static void respond(Context ctx, ServiceFailure e) {
        if (e.retryAfterSeconds > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
        }
        Lang lang = HttpServer.language(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", title(e.kind).text().in(lang));
        body.put("detail", Text.split(e.getMessage()).in(lang));
        if (e.changedBy != null) {
            body.put("changedBy", e.changedBy.username());
            body.put("changedAt", e.changedBy.at().toString());
        }
        if (e.currentVersion != null) {
            body.put("currentVersion", e.currentVersion);
            ctx.header("ETag", "\"" + e.currentVersion + "\"");
        }
        HttpServer.json(ctx, status(e.kind), body);
    }
}
