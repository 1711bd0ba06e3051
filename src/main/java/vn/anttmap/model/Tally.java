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
        String text = layer.table() + "|" + groupBy + "|" + counts(year);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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
