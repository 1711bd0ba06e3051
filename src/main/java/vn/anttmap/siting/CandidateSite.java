package vn.anttmap.siting;

import java.util.List;

/**
 * A place a camera may go, with the bearings it may face.
 *
 * @param id          a stable name: {@code crossing-…}, {@code road-…}, {@code point-…}, or the id of the camera to repair
 * @param kind        {@value #NEW} or {@value #REPAIR}
 * @param xM          x, metres in the plan's projected CRS
 * @param yM          y, metres
 * @param bearingsDeg the bearings to try, degrees clockwise from north
 * @param fovDeg      the camera's field of view
 * @param rangeM      its range, metres
 * @param cost        what placing (or repairing) it costs
 */
public record CandidateSite(String id, String kind, double xM, double yM, List<Double> bearingsDeg, double fovDeg,
                            double rangeM, double cost) {
    /** A new camera site. */
    public static final String NEW = "new";
    /** The repair of a broken camera, which keeps its place, bearing, field of view and range. */
    public static final String REPAIR = "repair";

    public CandidateSite {
        bearingsDeg = List.copyOf(bearingsDeg);
    }

    /** A broken camera as a candidate: repaired, it looks where it looked before. */
    public static CandidateSite repair(String cameraId, double xM, double yM, double bearingDeg, double fovDeg,
                                       double rangeM, double cost) {
        return new CandidateSite(cameraId, REPAIR, xM, yM, List.of(bearingDeg), fovDeg, rangeM, cost);
    }
}
