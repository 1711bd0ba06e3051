package vn.anttmap.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TallyTest {
    static Tally crimes(List<String> categories) {
        return new Tally("crimes", Layer.INCIDENTS, "area_id", y -> List.of(
                new Condition.Count("now", List.of(Condition.ANY.days(LocalDate.of(y - 1, 11, 1), LocalDate.of(y, 10, 31))
                        .in("category", categories))),
                new Condition.Count("before", List.of(Condition.ANY.days(LocalDate.of(y - 2, 11, 1), LocalDate.of(y - 1, 10, 31))))));
    }

    /** Counts kept under one definition are recognised by it: same definition, same digest; any change, another. */
    @Test
    void theFingerprintNamesTheDefinitionOfAYear() {
        assertThat(crimes(List.of("crime")).fingerprint(2023)).isEqualTo(crimes(List.of("crime")).fingerprint(2023)).hasSize(64);
        assertThat(crimes(List.of("crime")).fingerprint(2023)).isNotEqualTo(crimes(List.of("crime")).fingerprint(2024));
        assertThat(crimes(List.of("crime")).fingerprint(2023)).isNotEqualTo(crimes(List.of("crime", "social_evil")).fingerprint(2023));
        assertThat(crimes(List.of("crime, social_evil")).fingerprint(2023)).as("one value with a comma is not two values")
                .isNotEqualTo(crimes(List.of("crime", "social_evil")).fingerprint(2023));
        Tally byWard = new Tally("crimes", Layer.INCIDENTS, "ward_id", crimes(List.of("crime")).countsOfYear());
        assertThat(byWard.fingerprint(2023)).isNotEqualTo(crimes(List.of("crime")).fingerprint(2023));
    }

    /** The days a year's counts can match: from the earliest first day to the latest last day of their conditions. */
    @Test
    void theDaysOfAYearSpanEveryCondition() {
        assertThat(crimes(List.of("crime")).days(2023)).containsExactly(LocalDate.of(2021, 11, 1), LocalDate.of(2023, 10, 31));
        Tally open = new Tally("all", Layer.INCIDENTS, "area_id", y -> List.of(new Condition.Count("all", List.of(Condition.ANY))));
        assertThat(open.days(2023)).isNull();
    }

    @Test
    void aNameIsOneToSixtyFourCharacters() {
        assertThatThrownBy(() -> new Tally("", Layer.INCIDENTS, "area_id", y -> List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> new Tally("x".repeat(65), Layer.INCIDENTS, "area_id", y -> List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
