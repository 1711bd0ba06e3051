package vn.anttmap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.anttmap.App;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;

import java.util.Map;

/** {@code db}: schema migrations and a health check of the store. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Check.class, DbCommand.Backup.class, DbCommand.Restore.class})
final class DbCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: migrate or check");
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations.")
    static final class Migrate extends DataCommand {
        @Override
        public Integer call() {
            try (FeatureStore store = App.openStore(storeOptions.toConfig(), false)) {
                int applied = store.migrate();
                out().println(store.describe() + ": applied " + applied + " migration(s); schema version "
                        + store.schemaVersion());
            }
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Copy the embedded store to a ZIP file, consistently, even while the server runs.")
    static final class Backup extends DataCommand {
        @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "FILE")
        java.nio.file.Path out;

        @Override
        public Integer call() {
            try (FeatureStore store = App.openStore(storeOptions.toConfig(), false)) {
                if (!(store instanceof vn.anttmap.store.h2gis.H2gisFeatureStore h2)) {
                    throw new IllegalArgumentException("db backup is for the embedded store; back PostGIS up with pg_dump");
                }
                h2.backup(out);
            }
            out().println("backed up to " + out);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Replace the embedded store with a backup (stop the server first).")
    static final class Restore extends DataCommand {
        @picocli.CommandLine.Option(names = "--from", required = true, paramLabel = "FILE")
        java.nio.file.Path from;

        @Override
        public Integer call() {
            if (storeOptions.toConfig().usesPostgis()) {
                throw new IllegalArgumentException("db restore is for the embedded store; restore PostGIS with pg_restore");
            }
            vn.anttmap.store.h2gis.H2gisFeatureStore.restore(from, storeOptions.toConfig().dataDir());
            out().println("restored " + storeOptions.toConfig().dataDir() + " from " + from);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Show the store, its schema version and the row count of every layer.")
    static final class Check extends DataCommand {
        @Override
        public Integer call() {
            try (FeatureStore store = App.openStore(storeOptions.toConfig(), false)) {
                int version = store.schemaVersion();
                int latest = store.latestSchemaVersion();
                out().println("store: " + store.kind().label() + " (" + store.describe() + ")");
                out().println("schema version: " + version + " of " + latest);
                if (version < latest) {
                    out().println("the schema is behind: run 'antt-map db migrate'");
                    return version == 0 ? 1 : 0;
                }
                for (Map.Entry<Layer, Long> e : store.counts().entrySet()) {
                    out().printf("%-12s %d%n", e.getKey().apiName(), e.getValue());
                }
            }
            return 0;
        }
    }
}
