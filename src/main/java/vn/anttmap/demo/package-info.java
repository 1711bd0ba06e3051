/**
 * The seeded generator of the synthetic parts of the Hải Hòa demo data set (residential areas, roads, coastline,
 * cameras, incidents with their handling histories, teams, mediated disputes, video extractions), built around the
 * real ward boundary so that the ward's published 2023 figures come out exactly, and of smaller sets for its three
 * neighbouring wards. Pure: values in, features out; the command line writes them.
 */
package vn.anttmap.demo;
