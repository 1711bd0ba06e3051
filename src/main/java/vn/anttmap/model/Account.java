package vn.anttmap.model;

import java.time.OffsetDateTime;

/**
 * A user account. The password is kept only as a salted hash.
 *
 * @param wardId for an officer, the ward whose data they see and edit; for a leader, the scope they oversee (kept in
 *               the same column): ward ids separated by commas, or {@code province:<name>} for every ward of the
 *               province (see {@link #scopeProvince})
 */
public record Account(String username, String passwordHash, Role role, String wardId, OffsetDateTime createdAt) {

    /** What a user may do; {@code PUBLIC} is everyone who has not signed in. */
    public enum Role { PUBLIC, OFFICER, PLANNER, ADMIN, LEADER }

    /** The prefix of a leader's scope that names a province. */
    public static final String PROVINCE = "province:";

    /** The province a leader's scope names ({@code province:<name>}), or {@code null} for a list of wards. */
    public static String scopeProvince(String scope) {
        return scope != null && scope.startsWith(PROVINCE) ? scope.substring(PROVINCE.length()).trim() : null;
    }

    /** The ward ids a leader's scope lists (empty for a province). */
    public static java.util.List<String> scopeWards(String scope) {
        if (scope == null || scopeProvince(scope) != null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(scope.split(",")).map(String::trim).filter(w -> !w.isEmpty()).distinct().toList();
    }
}
