package vn.anttmap.model;

/** Value types a layer attribute can have; each maps to one SQL type on every store. */
public enum FieldType {
    TEXT("VARCHAR"),
    INTEGER("INTEGER"),
    DOUBLE("DOUBLE PRECISION"),
    BOOLEAN("BOOLEAN"),
    /** A calendar day, {@link java.time.LocalDate}. */
    DATE("DATE"),
    /** An instant with its offset, {@link java.time.OffsetDateTime}; days are taken in Vietnam's zone. */
    TIMESTAMP("TIMESTAMP WITH TIME ZONE");

    private final String sqlType;

    FieldType(String sqlType) {
        this.sqlType = sqlType;
    }

    public String sqlType() {
        return sqlType;
    }
}
