package vn.anttmap.siting;

/**
 * The camera a plan places: its field of view and its range.
 *
 * @param fovDeg the field of view, degrees in (0, 360]; 360 sees all round
 * @param rangeM how far it sees, metres in (0, 1000]
 */
public record CameraModel(double fovDeg, double rangeM) {
    public static final double DEFAULT_FOV_DEG = 90;
    public static final double DEFAULT_RANGE_M = 50;

    /** @throws IllegalArgumentException outside the ranges above */
    public CameraModel {
        if (!(fovDeg > 0 && fovDeg <= 360) || !(rangeM > 0 && rangeM <= 1000)) {
            throw new IllegalArgumentException("camera model: field of view must be in (0, 360] and range in (0, 1000] m");
        }
    }

    /** The model with the defaults ({@value #DEFAULT_FOV_DEG}°, {@value #DEFAULT_RANGE_M} m) for what is not given. */
    public static CameraModel of(Double fovDeg, Double rangeM) {
        return new CameraModel(fovDeg == null ? DEFAULT_FOV_DEG : fovDeg, rangeM == null ? DEFAULT_RANGE_M : rangeM);
    }

    /** Whether it sees all round (one bearing is then enough). */
    public boolean allRound() {
        return fovDeg >= 360;
    }
}
