/**
 * Users, roles, sign-in, personal API tokens, and the one access policy every way out applies (JSON API, OGC API,
 * tiles, exports, the page). Police data is sensitive: the public sees wards, areas, verdicts and aggregated counts
 * only; officers see the exact data of their ward.
 */
package vn.anttmap.auth;
