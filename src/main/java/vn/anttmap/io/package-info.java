/**
 * File formats: reading GeoJSON and CSV into {@link vn.anttmap.io.RawRecord}s with their locations, and writing
 * features back in the same formats. No database access; errors name the file, record and field.
 */
package vn.anttmap.io;
