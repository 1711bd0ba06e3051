package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import io.javalin.http.Context;
import vn.anttmap.auth.AuthService;
import vn.anttmap.auth.Principal;

import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, resolved once per request: a bearer token ({@code Authorization: Bearer …}, for QGIS, GDAL and
 * scripts), else the session cookie, else the public. Writes made with the session cookie must carry the session's
 * CSRF token in {@code X-CSRF-Token}.
 */
public final class Access {
    public static final String COOKIE = "antt_session";
    static final String ATTRIBUTE = "antt.principal";
    static final String SESSION = "antt.session";
    /** The hash of the request's credential (session id or token), when it has one: its reads follow its writes. */
    static final String CREDENTIAL = "antt.credential";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private Access() {
    }

    static void resolve(Context ctx, AuthService auth) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Principal p = auth.tokenPrincipal(header.substring(7).trim())
                    .orElseThrow(() -> new ApiException(401, Key.UNAUTHORIZED, Key.UNKNOWN_TOKEN.text()));
            ctx.attribute(ATTRIBUTE, p);
            ctx.attribute(CREDENTIAL, AuthService.credentialHash(header.substring(7).trim()));
            return;
        }
        Optional<AuthService.Session> session = auth.session(ctx.cookie(COOKIE));
        if (session.isPresent()) {
            if (!SAFE.contains(ctx.method().name()) && !ctx.path().equals("/api/v1/login")
                    && !session.get().csrf().equals(ctx.header("X-CSRF-Token"))) {
                throw new ApiException(403, Key.FORBIDDEN, Key.CSRF.text());
            }
            ctx.attribute(ATTRIBUTE, session.get().principal());
            ctx.attribute(SESSION, session.get());
            ctx.attribute(CREDENTIAL, AuthService.credentialHash(session.get().id()));
            return;
        }
        if (ctx.cookie(COOKIE) != null) {
            // An ended session (expired, signed out elsewhere, its user removed): the browser forgets the cookie, and
            // the page (which asks /api/v1/session) shows the sign-in button rather than a session that is gone.
            ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        }
        ctx.attribute(ATTRIBUTE, Principal.PUBLIC);
    }

    /**
     * What the request's reads need: with read replicas, a read-only request may be served by one that has replayed
     * the asker's own last write (any node's); everything else reads the primary. The public's requests may use the
     * change stamps the node heard announced; a signed-in user's read them from the database.
     */
    static void routeReads(Context ctx, AuthService auth) {
        boolean replica = auth.replicated() && SAFE.contains(ctx.method().name());
        String credential = ctx.attribute(CREDENTIAL);
        vn.anttmap.model.ReadConsistency.request(replica, replica && credential != null ? auth.readFloor(credential) : 0,
                principal(ctx).isPublic());
    }

    /** After a request: a write that succeeded is recorded for its credential, so its next reads on any node see it. */
    static void afterRequest(Context ctx, AuthService auth) {
        vn.anttmap.model.ReadConsistency.none();
        String credential = ctx.attribute(CREDENTIAL);
        if (credential != null && auth.replicated() && !SAFE.contains(ctx.method().name()) && ctx.status().getCode() < 400) {
            try {
                auth.markWritten(credential);
            } catch (vn.anttmap.model.StoreException e) {
                // The write is committed and answered: not recording it costs only read-your-writes through a
                // replica for the next reads, not a failed answer that would make the client send the write again.
                org.slf4j.LoggerFactory.getLogger(Access.class).warn("could not record a write for read-your-writes: {}",
                        e.getMessage());
            }
        }
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        return p == null ? Principal.PUBLIC : p;
    }

    /** 401 for the public, 403 for a signed-in user who lacks the right. */
    static ApiException denied(Context ctx, String layer) {
        return denied(ctx, Messages.layerLabel(layer));
    }

    /** 401 for the public, 403 for a signed-in user who lacks the right to see {@code what}. */
    static ApiException denied(Context ctx, Messages.Text what) {
        return principal(ctx).isPublic() ? new ApiException(401, Key.UNAUTHORIZED, Key.SIGN_IN_TO_SEE.format(what))
                : new ApiException(403, Key.FORBIDDEN, Key.ROLE_MAY_NOT_SEE.format(what));
    }

    /**
     * Decided before a write's body is read: 401 for the public, 403 for a role that may write no record of the layer
     * (a planner; an officer for a layer officers do not edit). Which ward's record it is, is checked again once read.
     */
    static void requireWriter(Context ctx, String layer) {
        Principal p = principal(ctx);
        if (p.isPublic()) {
            throw new ApiException(401, Key.UNAUTHORIZED, Key.SIGN_IN_TO_WRITE.format(Messages.layerLabel(layer)));
        }
        if (!vn.anttmap.auth.AccessPolicy.canWrite(p, layer, p.wardId())) {
            throw new ApiException(403, Key.FORBIDDEN, Key.ROLE_MAY_NOT_WRITE.format(Messages.layerLabel(layer)));
        }
    }
}
