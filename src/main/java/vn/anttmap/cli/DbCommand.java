package vn.anttmap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.anttmap.App;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;

import java.util.Map;

/** {@code db}: schema migrations and a health check of the store. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Check.class})
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
