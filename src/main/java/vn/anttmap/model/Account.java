package vn.anttmap.model;

import java.time.OffsetDateTime;

/**
 * A user account. The password is kept only as a salted hash.
 *
 * @param wardId for an officer, the ward whose data they see and edit
 */
public record Account(String username, String passwordHash, Role role, String wardId, OffsetDateTime createdAt) {

    /** What a user may do; {@code PUBLIC} is everyone who has not signed in. */
    public enum Role { PUBLIC, OFFICER, PLANNER, ADMIN }
}
