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

    /** The gap to the bound, as a share of the bound (0 when optimal). */
    public double gap() {
        return upperBound <= 0 ? 0 : Math.max(0, (upperBound - value) / upperBound);
    }
}
