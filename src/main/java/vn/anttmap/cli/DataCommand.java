package vn.anttmap.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.anttmap.App;
import vn.anttmap.model.Layer;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/** A command that works on the data: it takes the store options and prints to the command line's output. */
abstract class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    StandardOptions standardOptions;

    /** The services over the configured store, migrated; close them when done. */
    App.Services services() throws java.io.IOException {
        var standard = standardOptions.standard();
        return App.services(App.openStore(storeOptions.toConfig()), Clock.systemUTC(), standard);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The layer a user named, or a one-line error listing the layers. */
    static Layer layer(String name) {
        return Layer.byName(name).orElseThrow(() ->
                new IllegalArgumentException("unknown layer '" + name + "'; layers: " + Layer.names()));
    }
}
