/** Writers (and readers) of the exchange formats GIS tools open: GeoPackage, KML, FlatGeobuf. */
package vn.anttmap.io.export;
