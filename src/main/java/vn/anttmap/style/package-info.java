/**
 * Kiểu hiển thị (styles): how the map page draws each layer, as data that travels with exports and tiles. The
 * page's colours ({@code web/app.js}) are written once, in {@link vn.anttmap.style.LayerStyles}, and rendered as a
 * QGIS QML document, an OGC SLD 1.1 / SE 1.1 document, KML styles and a MapLibre GL style for the vector tiles
 * ({@link vn.anttmap.style.MapStyle}).
 *
 * <p>Pure: values in, text or JSON-ready maps out; no I/O. Domain words as elsewhere: khu dân cư (residential area),
 * phường (ward), vụ việc (incident), đạt / chưa đạt / chưa đủ căn cứ (met / not met / not yet decidable).
 */
package vn.anttmap.style;
