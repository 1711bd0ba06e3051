package vn.anttmap.store;

/**
 * One group of an aggregation.
 *
 * @param key   the group's value of the grouping field, or {@code null}
 * @param count records in the group
 * @param sum   the sum of the summed field over the group (0 when nothing is summed)
 */
public record Aggregate(String key, long count, long sum) {
}
