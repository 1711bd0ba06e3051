/** The command line (picocli): serve, import, export, db migrate, db check. The only package that imports picocli. */
package vn.anttmap.cli;
