package vn.anttmap.auth;

import org.junit.jupiter.api.Test;
import vn.anttmap.model.Account;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions kept in the store: their 12 hours are counted on the service's clock (set by the test, never raced). */
class SessionStoreTest {
    /** A clock the test moves. */
    static final class SetClock extends Clock {
        Instant now = Instant.parse("2026-03-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aSessionEndsAfterTwelveHoursAndIsThenRemovedFromTheStore() {
        SetClock clock = new SetClock();
        try (H2gisFeatureStore store = H2gisFeatureStore.inMemory("sessions-" + UUID.randomUUID())) {
            store.migrate();
            AuthService auth = new AuthService(store, clock);
            auth.addUser("lan", Account.Role.PLANNER, null, "a good long password".toCharArray());
            AuthService.Session s = auth.login("lan", "a good long password".toCharArray(), "10.0.0.1");
            assertThat(s.expires()).isEqualTo(clock.now.plus(AuthService.SESSION));
            clock.now = clock.now.plus(AuthService.SESSION).minusSeconds(1);
            assertThat(auth.session(s.id()).orElseThrow().principal().username()).isEqualTo("lan");
            assertThat(auth.session(s.id()).orElseThrow().csrf()).isEqualTo(s.csrf());
            clock.now = clock.now.plusSeconds(1);
            assertThat(auth.session(s.id())).isEmpty();
            assertThat(store.session(PasswordHasher.tokenHash(s.id()))).isEmpty();
            // A new sign-in clears out sessions that ended (here a second one, ended too).
            AuthService.Session t = auth.login("lan", "a good long password".toCharArray(), "10.0.0.1");
            clock.now = clock.now.plus(AuthService.SESSION).plus(Duration.ofMinutes(1));
            auth.login("lan", "a good long password".toCharArray(), "10.0.0.1");
            assertThat(store.session(PasswordHasher.tokenHash(t.id()))).isEmpty();
            assertThat(auth.session(null)).isEmpty();
            assertThat(auth.session("")).isEmpty();
        }
    }

    @Test
    void aRemovedUserCannotMakeATokenWithASessionLetInBeforeTheRemoval() {
        try (H2gisFeatureStore store = H2gisFeatureStore.inMemory("sessions-" + UUID.randomUUID())) {
            store.migrate();
            AuthService auth = new AuthService(store, Clock.systemUTC());
            auth.addUser("minh", Account.Role.PLANNER, null, "a good long password".toCharArray());
            Principal p = auth.login("minh", "a good long password".toCharArray(), "10.0.0.1").principal();
            auth.removeUser("minh");
            assertThatThrownBy(() -> auth.createToken(p, "late")).isInstanceOfSatisfying(AuthService.AuthException.class,
                    e -> assertThat(vn.anttmap.api.FailureMapping.status(e.kind)).isEqualTo(401));
            assertThat(auth.tokens("minh")).isEmpty();
        }
    }
}
