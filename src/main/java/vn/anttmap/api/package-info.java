/**
 * HTTP: the route table, controllers that only translate requests and responses, and the mapping of errors to
 * JSON {@code {"error", "detail"}} bodies. The only package that imports Javalin.
 */
package vn.anttmap.api;
