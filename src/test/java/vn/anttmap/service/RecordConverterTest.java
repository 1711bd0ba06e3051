package vn.anttmap.service;

import org.junit.jupiter.api.Test;

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
}
