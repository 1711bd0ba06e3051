package vn.anttmap.siting;

import java.util.List;

/**
 * A solver's answer.
 *
 * @param chosen     indices of the chosen options, in the order chosen
 * @param gains      the weight each added (marginal gain), in that order
 * @param value      total weight covered by the chosen options
 * @param upperBound no choice within the same limit can cover more than this
 * @param method     how it was found
 * @param optimal    whether {@code value} is proven optimal
 */
public record Selection(List<Integer> chosen, List<Double> gains, double value, double upperBound, String method,
                        boolean optimal) {

    public Selection {
        chosen = List.copyOf(chosen);
        gains = List.copyOf(gains);
    }

    /**
     * This selection with a further upper bound (from another argument, e.g. {@link LpBound}): the smaller of the
     * two is kept; when it meets the value (within {@code 1e-9} of it, floating-point noise) the value is proven
     * optimal (also when the bound it had already met the value). {@code how} is appended to the method when the new
     * bound is the one kept.
     */
    public Selection withBound(double bound, String how) {
        if (Double.isNaN(bound)) {
            return this;
        }
        boolean used = Double.isNaN(upperBound) || bound < upperBound;
        double kept = Math.max(value, used ? bound : upperBound);
        boolean proven = optimal || kept - value <= 1e-9 * Math.max(1, Math.abs(value));
        if (!used && proven == optimal) {
            return this;
        }
        return new Selection(chosen, gains, value, kept, method + (used ? ", " + how : "")
                + (proven && !optimal ? ", proven optimal" : ""), proven);
    }

    /** The gap to the bound, as a share of the bound (0 when optimal). */
    public double gap() {
        return upperBound <= 0 ? 0 : Math.max(0, (upperBound - value) / upperBound);
    }
}
