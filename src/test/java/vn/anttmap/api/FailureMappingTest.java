package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import vn.anttmap.TestHttp;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.model.AuditEntry;
import vn.anttmap.model.ServiceFailure;
import vn.anttmap.model.ServiceFailure.Kind;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of service failure has its HTTP status and title, and its extra data its header and members. */
class FailureMappingTest {
    static final Map<Kind, Integer> STATUS = new EnumMap<>(Map.of(
            Kind.INVALID, 400,
            Kind.UNAUTHENTICATED, 401,
            Kind.FORBIDDEN, 403,
            Kind.NOT_FOUND, 404,
            Kind.NOT_ALLOWED, 405,
            Kind.CONFLICT, 409,
            Kind.PRECONDITION_REQUIRED, 428,
            Kind.TOO_MANY_TRIES, 429));

    static final Map<Kind, Key> TITLE = new EnumMap<>(Map.of(
            Kind.INVALID, Key.INVALID_INPUT,
            Kind.UNAUTHENTICATED, Key.UNAUTHORIZED,
            Kind.FORBIDDEN, Key.FORBIDDEN,
            Kind.NOT_FOUND, Key.NOT_FOUND,
            Kind.NOT_ALLOWED, Key.NOT_ALLOWED,
            Kind.CONFLICT, Key.CONFLICT,
            Kind.PRECONDITION_REQUIRED, Key.PRECONDITION_REQUIRED,
            Kind.TOO_MANY_TRIES, Key.TOO_MANY_REQUESTS));

    @Test
    void everyKindMapsToItsStatusAndTitle() {
        assertThat(STATUS.keySet()).isEqualTo(EnumSet.allOf(Kind.class));
        for (Kind kind : Kind.values()) {
            assertThat(FailureMapping.status(kind)).as(kind.name()).isEqualTo(STATUS.get(kind));
            assertThat(FailureMapping.title(kind)).as(kind.name()).isEqualTo(TITLE.get(kind));
        }
    }

    @Test
    void theAnswerCarriesTheStatusTitleDetailAndHeadersOfEachKind() {
        AuditEntry by = new AuditEntry("a1", OffsetDateTime.of(2024, 3, 1, 8, 30, 0, 0, ZoneOffset.ofHours(7)), "minh",
                "update", "incidents", "inc-1", null, "{}", null);
        Javalin app = Javalin.create();
        app.get("/fail/{kind}", ctx -> {
            Kind kind = Kind.valueOf(ctx.pathParam("kind"));
            throw switch (kind) {
                case CONFLICT -> new ServiceFailure(kind, "đã đổi / changed", "abc123", by, 0);
                case TOO_MANY_TRIES -> new ServiceFailure(kind, "chờ / wait", null, null, 30);
                default -> new ServiceFailure(kind, "không / no");
            };
        });
        app.exception(ServiceFailure.class, (e, ctx) -> FailureMapping.respond(ctx, e));
        TestHttp.test(app, (server, client) -> {
            for (Kind kind : Kind.values()) {
                try (var r = client.get("/fail/" + kind.name())) {
                    assertThat(r.code()).as(kind.name()).isEqualTo(STATUS.get(kind));
                    JsonNode body = HttpServer.JSON.readTree(r.body().string());
                    assertThat(body.path("error").asText()).as(kind.name()).isEqualTo(TITLE.get(kind).text().en());
                    assertThat(r.header("WWW-Authenticate")).as(kind.name())
                            .isEqualTo(kind == Kind.UNAUTHENTICATED ? "Bearer realm=\"antt-map\"" : null);
                    assertThat(r.header("Retry-After")).as(kind.name()).isEqualTo(kind == Kind.TOO_MANY_TRIES ? "30" : null);
                    assertThat(r.header("ETag")).as(kind.name()).isEqualTo(kind == Kind.CONFLICT ? "\"abc123\"" : null);
                    if (kind == Kind.CONFLICT) {
                        assertThat(body.path("detail").asText()).isEqualTo("changed");
                        assertThat(body.path("currentVersion").asText()).isEqualTo("abc123");
                        assertThat(body.path("changedBy").asText()).isEqualTo("minh");
                        assertThat(body.path("changedAt").asText()).isEqualTo("2024-03-01T08:30+07:00");
                    } else {
                        assertThat(body.has("currentVersion")).as(kind.name()).isFalse();
                        assertThat(body.has("changedBy")).as(kind.name()).isFalse();
                    }
                }
            }
            try (var r = client.get("/fail/FORBIDDEN", b -> b.header("Accept-Language", "vi"))) {
                JsonNode body = HttpServer.JSON.readTree(r.body().string());
                assertThat(body.path("error").asText()).isEqualTo(Key.FORBIDDEN.text().vi());
                assertThat(body.path("detail").asText()).isEqualTo("không");
                assertThat(r.header("Content-Language")).isEqualTo("vi");
            }
        });
    }
}
