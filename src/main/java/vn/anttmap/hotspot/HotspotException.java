package vn.anttmap.hotspot;

/** An analysis that cannot be run as asked (too few incidents, a band smaller than the cell, …), with the reason. */
public final class HotspotException extends IllegalArgumentException {
    public HotspotException(String message) {
        super(message);
    }
}
