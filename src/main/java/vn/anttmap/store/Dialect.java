package vn.anttmap.store;

import java.util.List;
import java.util.stream.Collectors;

/** The SQL differences between H2GIS and PostGIS, in one place. */
public enum Dialect {
    H2GIS {
        @Override
        String upsert(String table, List<String> columns, List<String> placeholders) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (id) VALUES ("
                    + String.join(", ", placeholders) + ")";
        }

        @Override
        String spatialIndex() {
            return "SPATIAL INDEX";
        }

        @Override
        String usingGist() {
            return "";
        }

        /**
         * No R-tree indexes on the embedded store: H2 2.4's MVStore could not reopen a database whose process was
         * killed while writing to a spatial index (a ClassCastException in its recovery, see FaultsIT), which would
         * lose everything. Bounding-box reads scan the table instead, which is fast enough for a ward or a district;
         * PostGIS keeps its GiST indexes. Lines marked {@code --h2gis } are H2's alone (its types, its Java
         * triggers); elsewhere they stay comments.
         */
        @Override
        String render(String migrationSql) {
            StringBuilder out = new StringBuilder();
            for (String line : migrationSql.split("\n")) {
                if (!line.contains("{{SPATIAL_INDEX}}")) {
                    out.append(line.startsWith("--h2gis ") ? line.substring("--h2gis ".length()) : line).append('\n');
                }
            }
            return out.toString();
        }
    },
    POSTGIS {
        @Override
        String upsert(String table, List<String> columns, List<String> placeholders) {
            String updates = columns.stream().filter(c -> !c.equals("id"))
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", placeholders) + ") ON CONFLICT (id) DO UPDATE SET " + updates;
        }

        @Override
        String spatialIndex() {
            return "INDEX";
        }

        @Override
        String usingGist() {
            return "USING GIST";
        }

        /** Lines marked {@code --postgis } are PostgreSQL's alone (functions, triggers); elsewhere they stay comments. */
        @Override
        String render(String migrationSql) {
            return super.render(migrationSql).replace("\n--postgis ", "\n");
        }
    };

    /**
     * Whether {@code GROUP BY GROUPING SETS} is there, so that groups and their total come from one pass (PostgreSQL;
     * H2 2.x has no grouping sets, so the total is a second query).
     */
    boolean groupingSets() {
        return this == POSTGIS;
    }

    /** An insert-or-replace by primary key {@code id}. */
    abstract String upsert(String table, List<String> columns, List<String> placeholders);

    abstract String spatialIndex();

    abstract String usingGist();

    /** A migration's text with the dialect's tokens filled in. */
    String render(String migrationSql) {
        return migrationSql.replace("{{SPATIAL_INDEX}}", spatialIndex()).replace("{{USING_GIST}}", usingGist());
    }
}
