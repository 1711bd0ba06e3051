package vn.anttmap.model;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rules of an incident's handling, without storage or clock. */
class IncidentLifecycleTest {
    static final OffsetDateTime OCCURRED = OffsetDateTime.parse("2023-05-10T08:00:00+07:00");

    /** An incident that occurred at 08:00, before any handling. */
    static Map<String, Object> incident() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("occurred_at", OCCURRED);
        p.put("status", null);
        return p;
    }

    static Map<String, Object> step(Map<String, Object> p, String status, String at, String detail) {
        return IncidentLifecycle.advance(p, new IncidentLifecycle.Advance(status, OffsetDateTime.parse(at), detail), "can-bo-a",
                OffsetDateTime.parse("2023-06-01T00:00:00+07:00"));
    }

    static Map<String, Object> handled() {
        Map<String, Object> p = step(incident(), "received", "2023-05-10T08:30:00+07:00", null);
        p = step(p, "assigned", "2023-05-10T09:00:00+07:00", "Tổ tuần tra số 2");
        p = step(p, "verified", "2023-05-10T11:00:00+07:00", null);
        return step(p, "handled", "2023-05-10T13:15:00+07:00", "mediated");
    }

    @Test
    void eachStepTakenInOrderRecordsItsTimeAuthorAndDetail() {
        Map<String, Object> p = handled();
        assertThat(p.get("status")).isEqualTo("handled");
        assertThat(p.get("assigned_to")).isEqualTo("Tổ tuần tra số 2");
        assertThat(p.get("handling")).isEqualTo("mediated");
        assertThat(p.get("verified_by")).isEqualTo("can-bo-a");
        assertThat(p.get("closed_at")).isNull();
        assertThat(IncidentLifecycle.problems("line 2", p)).isEmpty();
        // Received at 08:30, handled at 13:15: 4 h 45 min.
        assertThat(IncidentLifecycle.handleMinutes(p)).isEqualTo(285);
        assertThat(IncidentLifecycle.handleMinutes(step(incident(), "received", "2023-05-10T08:30:00+07:00", null))).isNull();
        // Without a time, the step is taken now.
        Map<String, Object> now = IncidentLifecycle.advance(incident(), new IncidentLifecycle.Advance("received", null, null), "b",
                OffsetDateTime.parse("2023-05-11T07:00:00+07:00"));
        assertThat(now.get("received_at")).isEqualTo(OffsetDateTime.parse("2023-05-11T07:00:00+07:00"));
    }

    @Test
    void onlyTheNextStepIsTakenAndTheRefusalNamesIt() {
        IncidentLifecycle.StepRefused closing = catchThrowableOfType(() -> step(incident(), "closed", "2023-05-10T09:00:00+07:00", null),
                IncidentLifecycle.StepRefused.class);
        assertThat(closing.field()).isEqualTo("status");
        assertThat(closing.outOfOrder()).as("the record's state refuses it: a conflict, not a bad request").isTrue();
        // A status that does not exist, or none, is the request's own error.
        IncidentLifecycle.StepRefused unknown = catchThrowableOfType(() -> step(incident(), "solved", "2023-05-10T09:00:00+07:00", null),
                IncidentLifecycle.StepRefused.class);
        assertThat(unknown.outOfOrder()).isFalse();
        assertThat(unknown.getMessage()).isEqualTo("không có trạng thái 'solved'; các trạng thái: received, assigned, verified, "
                + "handled, closed / unknown status 'solved'; statuses: received, assigned, verified, handled, closed");
        assertThat(catchThrowableOfType(() -> step(incident(), null, "2023-05-10T09:00:00+07:00", null), IncidentLifecycle.StepRefused.class)
                .getMessage()).endsWith("the new status is required (status: received, assigned, verified, handled, closed)");
        assertThat(closing.getMessage()).isEqualTo("không thể chuyển sang 'kết thúc': vụ việc chưa tiếp nhận, bước tiếp theo là "
                + "'tiếp nhận' / cannot move to 'closed': the incident is not yet received, the next step is 'received'");
        Map<String, Object> received = step(incident(), "received", "2023-05-10T08:30:00+07:00", null);
        assertThat(catchThrowableOfType(() -> step(received, "verified", "2023-05-10T09:00:00+07:00", null),
                IncidentLifecycle.StepRefused.class).getMessage()).contains("the next step is 'assigned'");
        assertThat(catchThrowableOfType(() -> step(received, "received", "2023-05-10T09:00:00+07:00", null),
                IncidentLifecycle.StepRefused.class).field()).isEqualTo("status");
        // A step that needs its detail names the field.
        assertThat(catchThrowableOfType(() -> step(received, "assigned", "2023-05-10T09:00:00+07:00", " "),
                IncidentLifecycle.StepRefused.class).field()).isEqualTo("assigned_to");
        Map<String, Object> closed = step(handled(), "closed", "2023-05-11T08:00:00+07:00", null);
        assertThat(catchThrowableOfType(() -> step(closed, "closed", "2023-05-12T08:00:00+07:00", null),
                IncidentLifecycle.StepRefused.class).getMessage()).endsWith("the incident is closed: no step is left");
    }

    @Test
    void aRecordMissingAStepsFieldsOrWithStepsOutOfOrderIsNamedByField() {
        Map<String, Object> noOutcome = new LinkedHashMap<>(handled());
        noOutcome.put("handling", null);
        noOutcome.put("handled_at", null);
        assertThat(IncidentLifecycle.problems("line 3", noOutcome)).extracting(Problem::field)
                .containsExactlyInAnyOrder("handled_at", "handling");
        Map<String, Object> early = new LinkedHashMap<>(handled());
        early.put("handled_at", OffsetDateTime.parse("2023-05-10T10:00:00+07:00")); // before its verification at 11:00
        List<Problem> order = IncidentLifecycle.problems("line 4", early);
        assertThat(order).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("line 4");
            assertThat(p.field()).isEqualTo("handled_at");
            assertThat(p.reason()).endsWith("handled_at 10/05/2023 10:00 is before verified_at 10/05/2023 11:00");
        });
        Map<String, Object> receivedBeforeItHappened = step(incident(), "received", "2023-05-10T07:00:00+07:00", null);
        assertThat(IncidentLifecycle.problems("x", receivedBeforeItHappened)).extracting(Problem::field).containsExactly("received_at");
        // A later step's field while the status is earlier, and any step field without a status.
        Map<String, Object> ahead = step(incident(), "received", "2023-05-10T08:30:00+07:00", null);
        ahead.put("closed_at", OffsetDateTime.parse("2023-05-10T09:00:00+07:00"));
        assertThat(IncidentLifecycle.problems("x", ahead)).extracting(Problem::field).containsExactly("closed_at");
        Map<String, Object> noStatus = incident();
        noStatus.put("received_at", OffsetDateTime.parse("2023-05-10T09:00:00+07:00"));
        assertThat(IncidentLifecycle.problems("x", noStatus)).extracting(Problem::field).containsExactly("status");
    }

    @Test
    void noGoingBackNorRewritingAStepButByAnAdministrator() {
        Map<String, Object> before = handled();
        Map<String, Object> back = new LinkedHashMap<>(before);
        back.put("status", "verified");
        back.put("handled_at", null);
        back.put("handled_by", null);
        back.put("handling", null);
        assertThat(IncidentLifecycle.changeProblems("request", before, back, false)).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("status"));
        Map<String, Object> rewritten = new LinkedHashMap<>(before);
        rewritten.put("assigned_to", "Người khác");
        rewritten.put("received_at", OffsetDateTime.parse("2023-05-10T08:45:00+07:00"));
        assertThat(IncidentLifecycle.changeProblems("request", before, rewritten, false)).extracting(Problem::field)
                .containsExactly("received_at", "assigned_to");
        // The same instant written with another offset is no change; moving forward is.
        Map<String, Object> sameInstant = new LinkedHashMap<>(before);
        sameInstant.put("received_at", OffsetDateTime.parse("2023-05-10T01:30:00Z"));
        assertThat(IncidentLifecycle.changeProblems("request", before, sameInstant, false)).isEmpty();
        assertThat(IncidentLifecycle.changeProblems("request", before, step(before, "closed", "2023-05-11T08:00:00+07:00", null),
                false)).isEmpty();
        // An administrator corrects.
        assertThat(IncidentLifecycle.changeProblems("request", before, back, true)).isEmpty();
        assertThat(IncidentLifecycle.changeProblems("request", before, rewritten, true)).isEmpty();
    }
}
