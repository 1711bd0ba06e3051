package vn.anttmap.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.model.Account;
import vn.anttmap.model.AuditEntry;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression: an unknown user name was refused without deriving a key, a wrong password after one (210,000 rounds),
 * so the answer's time told which user names exist; and a refused sign-in (429) left no trace in the audit log. The
 * test counts key derivations, not time: one for every sign-in, known user or not; every sign-in entry names its
 * source address. The clock is fixed, so that the slowing of failures does not depend on how fast the test runs.
 */
class SignInTest {
    H2gisFeatureStore store;
    AuthService auth;

    @BeforeEach
    void setUp() {
        store = H2gisFeatureStore.inMemory("sign-in-" + UUID.randomUUID());
        store.migrate();
        auth = new AuthService(store, Clock.fixed(Instant.parse("2026-01-05T03:00:00Z"), ZoneOffset.UTC));
        auth.addUser("planner-a", Account.Role.PLANNER, null, "a good long password".toCharArray());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    long derivations(Runnable r) {
        long before = PasswordHasher.derivationsOnThisThread();
        r.run();
        return PasswordHasher.derivationsOnThisThread() - before;
    }

    @Test
    void anUnknownUserCostsTheSameKeyDerivationsAsAWrongPassword() {
        PasswordHasher.verifyNobody("warm up".toCharArray());
        long unknown = derivations(() -> assertThatThrownBy(() -> auth.login("nobody-here", "whatever it is".toCharArray(), "10.0.0.1"))
                .isInstanceOf(AuthService.AuthException.class).hasMessage("sai tên đăng nhập hoặc mật khẩu / wrong user name or password"));
        long wrong = derivations(() -> assertThatThrownBy(() -> auth.login("planner-a", "not the password".toCharArray(), "10.0.0.2"))
                .isInstanceOf(AuthService.AuthException.class).hasMessage("sai tên đăng nhập hoặc mật khẩu / wrong user name or password"));
        long right = derivations(() -> auth.login("planner-a", "a good long password".toCharArray(), "10.0.0.3"));
        assertThat(unknown).isEqualTo(1);
        assertThat(wrong).isEqualTo(1);
        assertThat(right).isEqualTo(1);
    }

    @Test
    void everySignInIsAuditedWithItsAddressRefusedOnesToo() {
        auth.login("planner-a", "a good long password".toCharArray(), "192.0.2.7");
        int status = 0;
        for (int i = 0; i < AuthService.FREE_FAILURES + 1; i++) {
            try {
                auth.login("planner-a", "wrong".toCharArray(), "198.51.100.9");
            } catch (AuthService.AuthException e) {
                status = vn.anttmap.api.FailureMapping.status(e.kind);
            }
        }
        assertThat(status).isEqualTo(429);
        List<AuditEntry> entries = store.audit(null, null, null, null, 100);
        List<AuditEntry> signIns = entries.stream().filter(e -> e.action().startsWith("login")).toList();
        assertThat(signIns).extracting(AuditEntry::action).contains("login", "login_failed", "login_refused");
        assertThat(signIns).hasSize(2 + AuthService.FREE_FAILURES);
        assertThat(signIns).allSatisfy(e -> assertThat(e.detail()).contains("from "));
        assertThat(signIns.stream().filter(e -> e.action().equals("login")).findFirst().orElseThrow().detail()).contains("192.0.2.7");
        assertThat(signIns.stream().filter(e -> e.action().equals("login_refused")).findFirst().orElseThrow().detail())
                .contains("198.51.100.9");
    }
}
