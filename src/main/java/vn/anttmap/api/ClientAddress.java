package vn.anttmap.api;

import io.javalin.http.Context;

import java.util.Set;

/**
 * The address a request came from. Behind a reverse proxy the connection is the proxy's: when it comes from one of the
 * trusted proxies ({@code serve --trusted-proxy}), the client is the last address in {@code X-Forwarded-For} that is
 * not itself a trusted proxy (what each proxy appended; anything a client wrote itself stands further left and is not
 * believed). From any other address, the header is ignored: a client cannot name its own address.
 */
final class ClientAddress {
    private ClientAddress() {
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
