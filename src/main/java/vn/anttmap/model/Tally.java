package vn.anttmap.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Counts of a layer's records per group (for example each residential area's incidents that a check of the standard
 * counts), named, for a year: what a store keeps up to date on every write once they have been counted for that
 * year, so that reading them costs one small row per group instead of a pass over every record.
 *
 * @param name         what the counts are for, unique in a store (at most 64 characters)
 * @param layer        the layer counted
 * @param groupBy      the field whose value names the group (records without one are not counted)
 * @param countsOfYear the counts of a year, in order; each condition should bound its days, so that a record counts
 *                     only for the years whose periods hold it
 */
public record Tally(String name, Layer layer, String groupBy, IntFunction<List<Condition.Count>> countsOfYear) {

    public Tally {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(countsOfYear, "countsOfYear");
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("a tally's name has 1 to 64 characters: '" + name + "'");
        }
    }

    public List<Condition.Count> counts(int year) {
        return List.copyOf(countsOfYear.apply(year));
    }

    /**
     * What the counts of {@code year} mean, as a fixed-length digest: counts kept under one definition must not be read
     * under another (a standard extended or changed between two runs).
     */
    public String fingerprint(int year) {
        StringBuilder text = new StringBuilder(FORMAT).append(quote(layer.table())).append(quote(groupBy));
        for (Condition.Count count : counts(year)) {
            text.append("count").append(quote(count.name()));
            for (Condition c : count.anyOf()) {
                text.append("any").append(quote(String.valueOf(c.first()))).append(quote(String.valueOf(c.last())));
                c.in().forEach((field, values) -> {
                    text.append("in").append(quote(field));
                    values.forEach(v -> text.append(quote(v)));
                });
                c.isTrue().forEach(f -> text.append("true").append(quote(f)));
                c.notTrue().forEach(f -> text.append("nottrue").append(quote(f)));
                c.positive().forEach(f -> text.append("positive").append(quote(f)));
                c.isNull().forEach(f -> text.append("null").append(quote(f)));
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The version of how conditions are counted (Condition's matching, the stores' SQL): a build that changes either
     * changes this, so that counts kept by an older one are counted again.
     */
    private static final String FORMAT = "tally-format-2";

    /** A value in the fingerprint's text, quoted so that no two lists of values read the same. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The days every count of the year can match, {@code [first, last]}, or {@code null} where one has no bound. */
    public LocalDate[] days(int year) {
        LocalDate first = null;
        LocalDate last = null;
        for (Condition.Count count : counts(year)) {
            for (Condition c : count.anyOf()) {
                if (c.first() == null || c.last() == null) {
                    return null;
                }
                first = first == null || c.first().isBefore(first) ? c.first() : first;
                last = last == null || c.last().isAfter(last) ? c.last() : last;
            }
        }
        return first == null ? null : new LocalDate[]{first, last};
    }
}
