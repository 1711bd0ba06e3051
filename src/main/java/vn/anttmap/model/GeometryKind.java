package vn.anttmap.model;

/** The geometry a layer stores. Polygons are always stored as multipolygons. */
public enum GeometryKind {
    NONE,
    POINT,
    /** Optional point: a record may have no location (it then needs an area reference). */
    OPTIONAL_POINT,
    MULTIPOLYGON,
    /** Lines (roads, coastline); a LineString is stored as a one-part MultiLineString. */
    MULTILINESTRING;

    public boolean hasColumn() {
        return this != NONE;
    }

    public boolean required() {
        return this == POINT || this == MULTIPOLYGON || this == MULTILINESTRING;
    }

    public boolean isPoint() {
        return this == POINT || this == OPTIONAL_POINT;
    }
}
