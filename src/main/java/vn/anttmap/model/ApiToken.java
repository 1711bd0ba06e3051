package vn.anttmap.model;

import java.time.OffsetDateTime;

/**
 * A personal API token as it is listed: never the token nor its hash.
 *
 * @param id the first 16 hex digits of the token's hash, enough to name it for revocation
 */
public record ApiToken(String id, String username, String name, OffsetDateTime createdAt) {
}
