package vn.anttmap.api;

import io.javalin.http.Context;

import java.util.Set;

/**
 * The address a request came from. Behind a reverse proxy the connection is the proxy's: when it comes from one of the
 * trusted proxies ({@code serve --trusted-proxy}), the client is the last address in {@code X-Forwarded-For} that is
 * not itself a trusted proxy (what each proxy appended; anything a client wrote itself stands further left and is not
 * believed). From any other address, the header is ignored: a client cannot name its own address.
 */
public final class ClientAddress {
    /** The request attribute holding the origin the client used ({@link #origin}). */
    static final String ORIGIN = "antt.origin";

    private ClientAddress() {
    }

    /**
     * Where the client reached this service, {@code scheme://host[:port]}, for the links an answer carries: the
     * request's Host, and its scheme, or the one a trusted proxy says it was ({@code X-Forwarded-Proto}: TLS ended at
     * the proxy). Set by {@link #resolve} for each request.
     */
    public static String origin(Context ctx) {
        String origin = ctx.attribute(ORIGIN);
        return origin != null ? origin : ctx.scheme() + "://" + ctx.host();
    }

    /** Works out the request's origin once, before its handler. */
    static void resolve(Context ctx, Set<String> trustedProxies) {
        String scheme = ctx.scheme();
        String proto = ctx.header("X-Forwarded-Proto");
        if (proto != null && trustedProxies.contains(ctx.req().getRemoteAddr())
                && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
            scheme = proto.toLowerCase(java.util.Locale.ROOT);
        }
        ctx.attribute(ORIGIN, scheme + "://" + ctx.host());
    }

    static String of(Context ctx, Set<String> trustedProxies) {
        String remote = ctx.req().getRemoteAddr();
        if (trustedProxies.isEmpty() || !trustedProxies.contains(remote)) {
            return remote;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return remote;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remote;
    }
}
