/** Typed configuration: defaults in code, overridden by environment variables, then by command-line flags. */
package vn.anttmap.config;
