/**
 * Pure geometry: coordinate reference systems, the local metric projection, validation and point-in-area
 * assignment. JTS and proj4j only; no I/O, no database. Geometries come in and go out in EPSG:4326 (x = longitude,
 * y = latitude) unless a method's name says metres.
 */
package vn.anttmap.geo;
