package vn.anttmap.model;

import java.time.Instant;

/** A stored sign-in session with its account as the store holds it now. */
public record AccountSession(Account account, String csrf, Instant expires) {
}
