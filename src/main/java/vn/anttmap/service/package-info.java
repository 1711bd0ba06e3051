/**
 * Use cases: import, export, queries. Loads from the store, calls the pure packages ({@code geo}), and writes
 * back in one batch. Independent of HTTP and of the command line.
 */
package vn.anttmap.service;
