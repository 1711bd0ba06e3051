package vn.anttmap.service;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordConverterTest {

    @Test
    void theQuickTimestampReaderAgreesWithTheGeneralParser() {
        for (String s : new String[]{"2023-03-05T21:30:00+07:00", "2023-03-05T21:30+07:00", "2023-03-05T14:30:00Z",
                "2024-02-29T23:59:59-05:30", "1999-12-31T00:00+14:00", "2023-03-05T21:30:15.250+07:00"}) {
            assertThat(RecordConverter.timestamp(s)).as(s).isEqualTo(OffsetDateTime.parse(s));
        }
        // The instant is kept with the offset it came with; the day is Vietnam's when scored.
        assertThat(RecordConverter.isoOffsetDateTime("2023-03-05T21:30+07:00"))
                .isEqualTo(OffsetDateTime.parse("2023-03-05T21:30:00+07:00"));
    }

    @Test
    void shapesTheQuickReaderDoesNotKnowGoToTheGeneralParser() {
        assertThat(RecordConverter.isoOffsetDateTime("2023-03-05T21:30:15.250+07:00")).isNull();
        assertThat(RecordConverter.isoOffsetDateTime("2023-03-05T21:30")).isNull();
        assertThat(RecordConverter.isoOffsetDateTime("2023-03-05 21:30+07:00")).isNull();
        assertThat(RecordConverter.isoOffsetDateTime("2023-03-05T21:30+0700")).isNull();
        assertThat(RecordConverter.isoOffsetDateTime("2023-0a-05T21:30+07:00")).isNull();
        // Without an offset: Vietnam's local time, as before.
        assertThat(RecordConverter.timestamp("2023-03-05T21:30")).isEqualTo(OffsetDateTime.parse("2023-03-05T21:30+07:00"));
    }

    @Test
    void aDayThatDoesNotExistIsRefusedWithTheValueNamed() {
        assertThat(RecordConverter.isoOffsetDateTime("2023-02-30T10:00+07:00")).isNull();
        assertThatThrownBy(() -> RecordConverter.timestamp("2023-02-30T10:00+07:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read date and time '2023-02-30T10:00+07:00'");
        assertThatThrownBy(() -> RecordConverter.timestamp("2023-03-05T24:30+07:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordConverter.timestamp("2023-03-05T10:00+19:00"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsAreOneToSixtyFourSafeCharactersStartingWithALetterOrDigit() {
        assertThat(RecordConverter.validId("w001-i00001")).isTrue();
        assertThat(RecordConverter.validId("A.b:c_d-9")).isTrue();
        assertThat(RecordConverter.validId("x".repeat(64))).isTrue();
        assertThat(RecordConverter.validId("x".repeat(65))).isFalse();
        assertThat(RecordConverter.validId("")).isFalse();
        assertThat(RecordConverter.validId("-abc")).isFalse();
        assertThat(RecordConverter.validId("_abc")).isFalse();
        assertThat(RecordConverter.validId("a b")).isFalse();
        assertThat(RecordConverter.validId("a/b")).isFalse();
        assertThat(RecordConverter.validId("vụ-1")).isFalse();
    }

    @Test
    void impossibleDaysAreRefusedInEveryWrittenFormNeverMovedToAnotherDay() {
        for (String s : new String[]{"31/02/2023", "29/02/2023", "2023-02-31", "2023-02-29", "31/04/2023", "0/1/2023", "32/1/2023"}) {
            assertThatThrownBy(() -> RecordConverter.date(s)).as(s).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("không đọc được ngày '" + s + "'").hasMessageContaining("cannot read date '" + s + "'");
            assertThatThrownBy(() -> RecordConverter.timestamp(s)).as(s).isInstanceOf(IllegalArgumentException.class);
        }
        for (String s : new String[]{"31/02/2023 10:00", "29/02/2023 23:59:59", "2023-02-31T10:00", "2023-02-29T10:00:00+07:00"}) {
            assertThatThrownBy(() -> RecordConverter.timestamp(s)).as(s).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + s + "'");
        }
        // Days that exist are still read, leap days included.
        assertThat(RecordConverter.date("29/02/2024")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(RecordConverter.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(RecordConverter.date("28/2/2023")).isEqualTo(LocalDate.of(2023, 2, 28));
        assertThat(RecordConverter.timestamp("29/02/2024 21:30")).isEqualTo(OffsetDateTime.parse("2024-02-29T21:30+07:00"));
    }

    static final OffsetDateTime NOW = OffsetDateTime.parse("2023-09-15T10:00+07:00");

    @Test
    void aDayOrInstantInTheFutureIsRefusedNamingTheValueAndToday() {
        assertThatThrownBy(() -> RecordConverter.notInFuture("occurred_at", OffsetDateTime.parse("2030-09-15T20:00+07:00"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thời điểm xảy ra sau hiện tại (15/09/2030 20:00, hôm nay là 15/09/2023) / occurred_at is in the "
                        + "future (15/09/2030 20:00; today is 15/09/2023)");
        // Later the same day, beyond five minutes of clock skew: refused too; an instant given in UTC is shown in Vietnam.
        assertThatThrownBy(() -> RecordConverter.notInFuture("occurred_at", OffsetDateTime.parse("2023-09-15T03:06Z"), NOW))
                .hasMessageContaining("(15/09/2023 10:06, hôm nay là 15/09/2023)");
        RecordConverter.notInFuture("occurred_at", OffsetDateTime.parse("2023-09-15T10:05+07:00"), NOW);
        RecordConverter.notInFuture("occurred_at", OffsetDateTime.parse("2023-09-15T09:00+07:00"), NOW);
        assertThatThrownBy(() -> RecordConverter.notInFuture("extracted_on", LocalDate.of(2023, 9, 16), NOW))
                .hasMessage("ngày trích xuất sau hiện tại (16/09/2023, hôm nay là 15/09/2023) / extracted_on is in the future "
                        + "(16/09/2023; today is 15/09/2023)");
        for (String field : new String[]{"installed_on", "last_seen_on", "done_on", "mediated_on", "recorded_on", "decided_on",
                "registered_on", "recognition_decided_on", "as_of"}) {
            assertThatThrownBy(() -> RecordConverter.notInFuture(field, LocalDate.of(2024, 1, 1), NOW)).as(field)
                    .hasMessageContaining(field + " is in the future (01/01/2024; today is 15/09/2023)");
            RecordConverter.notInFuture(field, LocalDate.of(2023, 9, 15), NOW);
        }
        // Today in Vietnam, though still yesterday in UTC.
        RecordConverter.notInFuture("done_on", LocalDate.of(2023, 9, 15), OffsetDateTime.parse("2023-09-14T17:30Z"));
        // A validity period may start later.
        RecordConverter.notInFuture("valid_from", LocalDate.of(2030, 1, 1), NOW);
    }
}
