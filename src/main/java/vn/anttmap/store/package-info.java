/**
 * Storage: one {@link vn.anttmap.store.FeatureStore} interface and its adapters, the embedded H2GIS store (the
 * default, a file database in the data directory) and PostGIS. Both run the same versioned migrations
 * ({@code db/migration}) and the same SQL; their few differences live in {@link vn.anttmap.store.Dialect}.
 * The only package that imports {@code java.sql}.
 */
package vn.anttmap.store;
