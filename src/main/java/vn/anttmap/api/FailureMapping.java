package vn.anttmap.api;

import io.javalin.http.Context;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.api.Messages.Text;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Problem;
import vn.anttmap.model.ServiceFailure;
import vn.anttmap.model.ServiceFailure.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where a failure becomes an HTTP answer (the handlers in {@link HttpServer} choose which of these
 * answers each exception type gets): a {@link ServiceFailure} by its {@link Kind}'s status and title, and what the
 * failure's extra data adds; refused input with its problems ({@link #invalidInput}); any other failure as a status,
 * a title and a detail ({@link #error}). The body is {@code {"error": title, "detail": message}} in the request's language,
 * with {@code changedBy} and {@code changedAt} when the failure names who made the record's current version and
 * {@code currentVersion} (also as the {@code ETag} header) when it carries the version, {@code field} and
 * {@code field_label} when it names the field at fault; a wait comes as
 * {@code Retry-After}, and a 401 says how to authenticate ({@code WWW-Authenticate}, added by
 * {@link HttpServer#json}). Each answer names its failure's kind for the metrics ({@link Metrics#FAILURE}: the
 * kind's or the title's name in lower case).
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
        ctx.attribute(Metrics.FAILURE, e.kind.name().toLowerCase(java.util.Locale.ROOT));
        if (e.retryAfterSeconds > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
        }
        Lang lang = HttpServer.language(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", title(e.kind).text().in(lang));
        body.put("detail", Text.split(e.getMessage()).in(lang));
        if (e.field != null) {
            body.put("field", e.field);
            body.put("field_label", Messages.fieldLabel(e.field, lang));
        }
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

    /** Answers the request with {@code {"error": title, "detail": detail}} in its language. */
    static void error(Context ctx, int status, Key error, Text detail) {
        ctx.attribute(Metrics.FAILURE, error.name().toLowerCase(java.util.Locale.ROOT));
        Lang lang = HttpServer.language(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.text().in(lang));
        body.put("detail", detail.in(lang));
        HttpServer.json(ctx, status, body);
    }

    /**
     * Input refused: the detail lists the problems in the language, each field named in the officer's words
     * (Vietnamese) or by its code (English, as before), and {@code problems} keeps each field's code for machines (the
     * page places each message next to its field by the code).
     */
    static void invalidInput(Context ctx, InvalidInputException e) {
        ctx.attribute(Metrics.FAILURE, "invalid_input");
        Lang lang = HttpServer.language(ctx);
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> problems = new ArrayList<>();
        String source = Messages.place(e.source(), lang);
        for (Problem p : e.problems()) {
            String where = Messages.place(p.location(), lang);
            String message = Text.split(p.reason()).in(lang);
            String label = Messages.fieldLabel(p.field(), lang);
            if (problems.size() < InvalidInputException.MAX_LISTED) {
                lines.add((p.field() == null ? Key.PROBLEM_AT.format(source, where, message)
                        : Key.PROBLEM_AT_FIELD.format(source, where, label, p.field(), message)).in(lang));
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("location", where);
            one.put("field", p.field());
            one.put("field_label", label);
            one.put("message", message);
            problems.add(one);
        }
        int more = e.problems().size() - InvalidInputException.MAX_LISTED;
        if (more > 0) {
            lines.add(Key.MORE_PROBLEMS.format(more).in(lang));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", Key.INVALID_INPUT.text().in(lang));
        body.put("detail", String.join("\n", lines));
        body.put("problems", problems);
        HttpServer.json(ctx, 400, body);
    }
}
