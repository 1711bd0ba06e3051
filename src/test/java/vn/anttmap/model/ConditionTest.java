package vn.anttmap.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a condition on a record means (the stores' SQL must mean the same; see FeatureStoreContract). */
class ConditionTest {
    static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
    static final LocalDate JAN31 = LocalDate.of(2024, 1, 31);

    static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void daysAreInclusiveAndARecordWithoutADayFailsADayTest() {
        Condition jan = Condition.ANY.days(JAN1, JAN31);
        assertThat(jan.matches(JAN1, rec()::get)).isTrue();
        assertThat(jan.matches(JAN31, rec()::get)).isTrue();
        assertThat(jan.matches(JAN31.plusDays(1), rec()::get)).isFalse();
        assertThat(jan.matches(JAN1.minusDays(1), rec()::get)).isFalse();
        assertThat(jan.matches(null, rec()::get)).isFalse();
        assertThat(Condition.ANY.matches(null, rec()::get)).isTrue();
    }

    @Test
    void emptyValuesAreInNoSetAreNotTrueAndAreNotAboveZero() {
        Condition c = Condition.ANY.in("category", List.of("crime", "fire_explosion"));
        assertThat(c.matches(null, rec("category", "crime")::get)).isTrue();
        assertThat(c.matches(null, rec("category", "dispute")::get)).isFalse();
        assertThat(c.matches(null, rec("category", null)::get)).isFalse();
        assertThat(Condition.ANY.in("category", List.of()).matches(null, rec("category", "crime")::get)).isFalse();
        assertThat(Condition.ANY.notTrue("force_majeure").matches(null, rec("force_majeure", null)::get)).isTrue();
        assertThat(Condition.ANY.notTrue("force_majeure").matches(null, rec("force_majeure", false)::get)).isTrue();
        assertThat(Condition.ANY.notTrue("force_majeure").matches(null, rec("force_majeure", true)::get)).isFalse();
        assertThat(Condition.ANY.isTrue("serious").matches(null, rec("serious", null)::get)).isFalse();
        assertThat(Condition.ANY.positive("deaths").matches(null, rec("deaths", null)::get)).isFalse();
        assertThat(Condition.ANY.positive("deaths").matches(null, rec("deaths", 0)::get)).isFalse();
        assertThat(Condition.ANY.positive("deaths").matches(null, rec("deaths", 2)::get)).isTrue();
    }

    @Test
    void aCountIsTheUnionOfItsConditionsAndEveryPartOfAConditionMustHold() {
        Condition.Count serious = new Condition.Count("serious", List.of(
                Condition.ANY.in("category", List.of("fire_explosion")).isTrue("serious"),
                Condition.ANY.in("category", List.of("work_accident")).positive("deaths")));
        assertThat(serious.matches(null, rec("category", "fire_explosion", "serious", true)::get)).isTrue();
        assertThat(serious.matches(null, rec("category", "fire_explosion", "serious", false, "deaths", 3)::get)).isFalse();
        assertThat(serious.matches(null, rec("category", "work_accident", "deaths", 1)::get)).isTrue();
        assertThat(new Condition.Count("none", List.of()).matches(null, rec()::get)).isFalse();
        assertThat(serious.anyOf().get(1).fields()).containsExactly("category", "deaths");
    }
}
