package vn.anttmap;

import vn.anttmap.service.DemoData;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

/**
 * The fixture most API tests share: the services over a fresh in-memory H2GIS store (its own name, so tests never
 * see each other's writes) holding the Hải Hòa demo, on the system clock. Closing the services closes the store.
 */
public final class DemoFixture {
    private DemoFixture() {
    }

    /** A fresh store named {@code name-<random>}, migrated, with the demo loaded. */
    public static App.Services services(String name) throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory(name + "-" + UUID.randomUUID());
        store.migrate();
        App.Services services = App.services(store, Clock.systemUTC());
        DemoData.load(services.importer());
        return services;
    }
}
