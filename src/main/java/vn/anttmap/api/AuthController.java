package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.auth.AuthService;
import vn.anttmap.auth.Principal;
import vn.anttmap.model.Account;
import vn.anttmap.model.AuditEntry;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sign-in, sessions, personal tokens and the audit log. */
final class AuthController {
    private AuthController() {
    }

    /**
     * {@code POST /api/v1/login}, {@code POST /api/v1/logout}, {@code GET /api/v1/session}, {@code GET|POST
     * /api/v1/tokens}, {@code DELETE /api/v1/tokens/{token}}, {@code GET /api/v1/audit}.
     */
    static void register(Javalin app, AuthService auth, java.util.Set<String> trustedProxies) {
        app.post("/api/v1/login", ctx -> {
            JsonNode b = body(ctx);
            String password = b.path("password").asText("");
            AuthService.Session s = auth.login(b.path("username").asText(""), password.toCharArray(),
                    ClientAddress.of(ctx, trustedProxies));
            // Secure under HTTPS, including behind a TLS-terminating proxy that says so (adding Secure never weakens it).
            String secure = ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) ? "; Secure" : "";
            ctx.header("Set-Cookie", Access.COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200" + secure);
            HttpServer.json(ctx, 200, session(s.principal(), s.csrf()));
        });
        app.post("/api/v1/logout", ctx -> {
            auth.logout(ctx.cookie(Access.COOKIE));
            ctx.header("Set-Cookie", Access.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
            HttpServer.json(ctx, 200, session(Principal.PUBLIC, null));
        });
        app.get("/api/v1/session", ctx -> {
            // The session the request was let in with (read from the store once, in Access.resolve).
            AuthService.Session s = ctx.attribute(Access.SESSION);
            HttpServer.json(ctx, 200, session(Access.principal(ctx), s == null ? null : s.csrf()));
        });
        app.post("/api/v1/tokens", ctx -> {
            Principal p = Access.principal(ctx);
            if (p.isPublic()) {
                throw Access.denied(ctx, "tokens");
            }
            String token = auth.createToken(p, body(ctx).path("name").asText("token"));
            HttpServer.json(ctx, 201, Map.of("token", token, "note", "shown once; send it as Authorization: Bearer <token>"));
        });
        // The signed-in user's tokens (an admin: anyone's, with ?user=): names, ids and dates, never the tokens.
        app.get("/api/v1/tokens", ctx -> {
            QueryParams.only(ctx, java.util.Set.of("user"));
            HttpServer.json(ctx, 200, Map.of("tokens", auth.tokens(tokenOwner(ctx))));
        });
        // Revokes the tokens with that id or name; the next request made with one of them gets 401.
        app.delete("/api/v1/tokens/{token}", ctx -> {
            QueryParams.only(ctx, java.util.Set.of("user"));
            String owner = tokenOwner(ctx);
            if (auth.revoke(owner, ctx.pathParam("token"), Access.principal(ctx).username()) == 0) {
                throw new ApiException(404, Key.NOT_FOUND, "không có token '" + ctx.pathParam("token") + "' của "
                        + owner + " / no token '" + ctx.pathParam("token") + "' of " + owner);
            }
            ctx.status(204);
        });
        app.get("/api/v1/audit", ctx -> {
            if (!Access.principal(ctx).is(Account.Role.ADMIN)) {
                throw Access.denied(ctx, "audit");
            }
            QueryParams.only(ctx, java.util.Set.of("user", "layer", "from", "to", "limit"));
            OffsetDateTime from = QueryParams.instant(ctx, "from");
            OffsetDateTime to = QueryParams.instant(ctx, "to");
            int limit = QueryParams.integer(ctx, "limit", 500, 1, 5000);
            List<AuditEntry> entries = auth.audit(QueryParams.text(ctx, "user"), QueryParams.text(ctx, "layer"), from, to, limit);
            HttpServer.json(ctx, 200, Map.of("entries", entries));
        });
    }

    /** Whose tokens a request names: the signed-in user's own, or with {@code ?user=} (admins only) anyone's. */
    private static String tokenOwner(Context ctx) {
        Principal p = Access.principal(ctx);
        if (p.isPublic()) {
            throw new ApiException(401, Key.UNAUTHORIZED, "đăng nhập để xem token / sign in to see tokens");
        }
        String user = QueryParams.text(ctx, "user");
        if (user == null || user.equals(p.username())) {
            return p.username();
        }
        if (!p.is(Account.Role.ADMIN)) {
            throw new ApiException(403, Key.FORBIDDEN, "chỉ quản trị viên được xem token của người khác / only an admin "
                    + "may see another user's tokens");
        }
        return user;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode b = HttpServer.JSON.readTree(ctx.body());
            if (b == null || !b.isObject()) {
                throw new ApiException(400, Key.INVALID_INPUT, "expected a JSON object");
            }
            return b;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, Key.INVALID_INPUT, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> session(Principal p, String csrf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", p.username());
        m.put("role", p.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("ward", p.is(vn.anttmap.model.Account.Role.LEADER) ? null : p.wardId());
        if (p.is(vn.anttmap.model.Account.Role.LEADER)) {
            m.put("scope", p.wardId());
            m.put("wards", new java.util.TreeSet<>(p.wards()));
        }
        m.put("csrf", csrf);
        return m;
    }
}
