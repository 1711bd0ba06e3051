package vn.anttmap.store;

/** Which database a store runs on; the name is what {@code /healthz} reports. */
public enum StoreKind {
    H2GIS("h2gis"),
    POSTGIS("postgis");

    private final String label;

    StoreKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
