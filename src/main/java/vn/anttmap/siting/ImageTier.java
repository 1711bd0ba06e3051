package vn.anttmap.siting;

/**
 * The observation tiers of EN 62676-4 by pixel density on the target: detect 25 px/m, observe 62.5 px/m,
 * recognise 125 px/m, identify 250 px/m. A camera with {@code resolutionPx} pixels across a field of view of
 * {@code fovDeg} reaches a tier out to the distance where its horizontal footprint still gives that density.
 */
public enum ImageTier {
    DETECT(25), OBSERVE(62.5), RECOGNISE(125), IDENTIFY(250);

    private final double pxPerM;

    ImageTier(double pxPerM) {
        this.pxPerM = pxPerM;
    }

    public double pixelsPerMetre() {
        return pxPerM;
    }

    /**
     * The farthest distance (metres) at which the tier's density holds: width at distance d is 2·d·tan(fov/2), so
     * d = px / (2·tan(fov/2)·density). A 360° dome is treated as four 90° views.
     */
    public double rangeM(int resolutionPx, double fovDeg) {
        double fov = Math.min(fovDeg, 90) == fovDeg || fovDeg < 180 ? fovDeg : 90;
        return resolutionPx / (2 * Math.tan(Math.toRadians(fov / 2)) * pxPerM);
    }
}
