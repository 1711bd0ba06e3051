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
        if (proto != null && trusted(ctx.req().getRemoteAddr(), trustedProxies)
                && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
            scheme = proto.toLowerCase(java.util.Locale.ROOT);
        }
        ctx.attribute(ORIGIN, scheme + "://" + ctx.host());
    }

    static String of(Context ctx, Set<String> trustedProxies) {
        String remote = ctx.req().getRemoteAddr();
        if (trustedProxies.isEmpty() || !trusted(remote, trustedProxies)) {
            return remote;
        }
        // Every X-Forwarded-For line, in order (a proxy may add a line of its own instead of appending to the last).
        java.util.List<String> hops = new java.util.ArrayList<>();
        for (String line : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"))) {
            for (String hop : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(hops.get(i), trustedProxies)) {
                return hops.get(i);
            }
        }
        return remote;
    }

    /** Whether an address is one of the trusted proxies, written any way (IPv6 with brackets or zeros, or not). */
    static boolean trusted(String address, Set<String> trustedProxies) {
        String a = normal(address);
        for (String t : trustedProxies) {
            if (normal(t).equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal in one form ({@code [0:0:0:0:0:0:0:1]} and {@code ::1} alike); anything else as it is. */
    static String normal(String address) {
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!a.matches("[0-9A-Fa-f:.]+") || !(a.contains(":") || a.matches("[0-9.]+"))) {
            return a; // not a literal: never looked up
        }
        try {
            return java.net.InetAddress.getByName(a).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }
}
