package vn.anttmap.model;

/** A ward's (or a scope's) cameras as recorded now: registered (every one), working (status active), sharing footage. */
public record CameraFigures(long registered, long working, long sharing) {

    public static final CameraFigures NONE = new CameraFigures(0, 0, 0);

    public CameraFigures plus(CameraFigures o) {
        return new CameraFigures(registered + o.registered, working + o.working, sharing + o.sharing);
    }
}
