package vn.anttmap.model;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A test on one record's fields, as data: evaluated in Java ({@link #matches}) or compiled to SQL by a store, so that
 * a rule counted over records in memory and the same rule counted by the database cannot drift apart. Every part
 * must hold; an empty part holds for every record.
 *
 * @param first   first day (inclusive) on the layer's date field, or {@code null}
 * @param last    last day (inclusive), or {@code null}
 * @param in      field → the text values it must have one of (a record without a value has none of them)
 * @param isTrue  boolean fields that must be true
 * @param notTrue boolean fields that must be false or empty
 * @param positive integer fields that must be above zero (empty counts as zero)
 * @param isNull   fields that must be empty (not recorded)
 */
public record Condition(LocalDate first, LocalDate last, Map<String, Set<String>> in, Set<String> isTrue,
                        Set<String> notTrue, Set<String> positive, Set<String> isNull) {

    public static final Condition ANY = new Condition(null, null, Map.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public Condition {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        in.forEach((k, v) -> m.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        in = Collections.unmodifiableMap(m);
        isTrue = Collections.unmodifiableSet(new LinkedHashSet<>(isTrue));
        notTrue = Collections.unmodifiableSet(new LinkedHashSet<>(notTrue));
        positive = Collections.unmodifiableSet(new LinkedHashSet<>(positive));
        isNull = Collections.unmodifiableSet(new LinkedHashSet<>(isNull));
    }

    public Condition days(LocalDate from, LocalDate to) {
        return new Condition(from, to, in, isTrue, notTrue, positive, isNull);
    }

    /** Also requires {@code field} to be one of {@code values}. */
    public Condition in(String field, java.util.Collection<String> values) {
        Map<String, Set<String>> m = new LinkedHashMap<>(in);
        m.put(field, new LinkedHashSet<>(values));
        return new Condition(first, last, m, isTrue, notTrue, positive, isNull);
    }

    public Condition isTrue(String field) {
        return new Condition(first, last, in, plus(isTrue, field), notTrue, positive, isNull);
    }

    public Condition notTrue(String field) {
        return new Condition(first, last, in, isTrue, plus(notTrue, field), positive, isNull);
    }

    public Condition positive(String field) {
        return new Condition(first, last, in, isTrue, notTrue, plus(positive, field), isNull);
    }

    /** Also requires {@code field} to be empty (not recorded). */
    public Condition isNull(String field) {
        return new Condition(first, last, in, isTrue, notTrue, positive, plus(isNull, field));
    }

    /** Every field the condition reads (not the date field). */
    public Set<String> fields() {
        Set<String> out = new LinkedHashSet<>(in.keySet());
        out.addAll(isTrue);
        out.addAll(notTrue);
        out.addAll(positive);
        out.addAll(isNull);
        return out;
    }

    /**
     * Whether a record with day {@code day} (its date field; may be null when the condition has no days) and these
     * field values passes.
     */
    public boolean matches(LocalDate day, Function<String, Object> field) {
        if ((first != null || last != null) && day == null) {
            return false;
        }
        if ((first != null && day.isBefore(first)) || (last != null && day.isAfter(last))) {
            return false;
        }
        // Empty parts are skipped before an iterator is made: stores run this for every record they write.
        if (!in.isEmpty()) {
            for (Map.Entry<String, Set<String>> e : in.entrySet()) {
                Object v = field.apply(e.getKey());
                if (v == null || !e.getValue().contains(v.toString())) {
                    return false;
                }
            }
        }
        if (!isTrue.isEmpty()) {
            for (String f : isTrue) {
                if (!Boolean.TRUE.equals(field.apply(f))) {
                    return false;
                }
            }
        }
        if (!notTrue.isEmpty()) {
            for (String f : notTrue) {
                if (Boolean.TRUE.equals(field.apply(f))) {
                    return false;
                }
            }
        }
        if (!positive.isEmpty()) {
            for (String f : positive) {
                Object v = field.apply(f);
                if (v == null || ((Number) v).longValue() <= 0) {
                    return false;
                }
            }
        }
        if (!isNull.isEmpty()) {
            for (String f : isNull) {
                if (field.apply(f) != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A named count: the records passing any of its conditions. */
    public record Count(String name, List<Condition> anyOf) {
        public Count {
            anyOf = List.copyOf(anyOf);
        }

        public boolean matches(LocalDate day, Function<String, Object> field) {
            for (int i = 0; i < anyOf.size(); i++) { // by index: stores run this for every record they write
                if (anyOf.get(i).matches(day, field)) {
                    return true;
                }
            }
            return false;
        }

        /** Every field the count reads (not the date field). */
        public Set<String> fields() {
            Set<String> out = new LinkedHashSet<>();
            anyOf.forEach(c -> out.addAll(c.fields()));
            return out;
        }
    }

    private static Set<String> plus(Set<String> s, String x) {
        Set<String> out = new LinkedHashSet<>(s);
        out.add(x);
        return out;
    }
}
