package vn.anttmap.service;

import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Writes a generated data set into a store through the normal import (validation, point-in-polygon assignment to
 * ward and area), in batches of {@value #BATCH} records, each its own transaction; or into GeoJSON files that
 * {@code import} reads. Memory stays bounded: one batch (or one ward) at a time.
 */
public final class ScaleLoader {
    /**
     * Records per batch: two batches are alive at once (one checked while the last is written), and batches of 20,000
     * kept enough of them alive through young collections that the collector's copying took a third of a core; at
     * 10,000 the province import ran about a fifth faster (measured with {@code bench --only import}).
     */
    public static final int BATCH = 10_000;

    private ScaleLoader() {
    }

    /**
     * Seconds spent per layer, records written, and the CPU seconds this JVM used meanwhile (all its threads; -1
     * where the JVM cannot tell): what is left of two cores' time went to the database and the rest of the machine.
     */
    public record Timing(Layer layer, long records, double seconds, double jvmCpuSeconds) {
        public double perSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    /**
     * Imports every layer, then refreshes the database's statistics (as anyone would after a bulk load); progress
     * goes to {@code progress} (may be null).
     */
    public static List<Timing> load(ImportService importer, ScaleGenerator gen, PrintWriter progress) {
        List<Timing> out = new ArrayList<>();
        for (Layer layer : ScaleGenerator.layers()) {
            out.add(load(importer, gen, layer, progress));
        }
        importer.analyze();
        return out;
    }

    /**
     * One layer. Wards and areas go through the import one batch at a time; the other layers through a bulk load
     * ({@link ImportService#bulkLoad}), which checks the next batch while the last is written.
     */
    public static Timing load(ImportService importer, ScaleGenerator gen, Layer layer, PrintWriter progress) {
        long total = gen.count(layer);
        long[] done = {0};
        long t0 = System.nanoTime();
        long cpu0 = jvmCpuNanos();
        String source = "generate " + gen.scale().id() + " " + layer.apiName();
        boolean bulk = layer != Layer.WARDS && layer != Layer.AREAS;
        BulkLoad load = bulk ? importer.bulkLoad(layer, source) : null;
        List<RawRecord> batch = new ArrayList<>(BATCH);
        Runnable flush = () -> {
            if (batch.isEmpty()) {
                return;
            }
            if (load != null) {
                load.add(batch);
            } else {
                importer.importRecords(layer, source, batch);
            }
            done[0] += batch.size();
            batch.clear();
            if (progress != null) {
                progress.print(ScaleGenerator.progress(layer.apiName(), done[0], total, (System.nanoTime() - t0) / 1e9));
                progress.flush();
            }
        };
        try {
            gen.records(layer, f -> {
                batch.add(new RawRecord("generated " + f.id(), f.id(), f.geometry(), f.properties()));
                if (batch.size() >= BATCH) {
                    flush.run();
                }
            });
            flush.run();
        } catch (RuntimeException e) {
            if (load != null) {
                try {
                    load.close();
                } catch (RuntimeException also) {
                    e.addSuppressed(also); // the refused batch stays what is reported
                }
            }
            throw e;
        }
        if (load != null) {
            load.close();
        }
        if (progress != null) {
            progress.println();
        }
        long cpu1 = jvmCpuNanos();
        return new Timing(layer, done[0], (System.nanoTime() - t0) / 1e9, cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9);
    }

    private static long jvmCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Writes one GeoJSON file per layer into {@code dir}, ward by ward. */
    public static List<Path> write(ScaleGenerator gen, Path dir, PrintWriter progress) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (Layer layer : ScaleGenerator.layers()) {
            Path file = dir.resolve(layer.apiName() + ".geojson");
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                GeoJsonWriter.writeComputed(() -> wardByWard(gen, layer), Map.of("source", "synthetic: ANTT Map scale generator"), os);
            }
            if (progress != null) {
                progress.println("wrote " + file + " (" + gen.count(layer) + " " + layer.apiName() + ")");
            }
            files.add(file);
        }
        return files;
    }

    /** The layer's features, generated one ward at a time as they are read. */
    private static Iterator<Feature> wardByWard(ScaleGenerator gen, Layer layer) {
        return new Iterator<>() {
            int ward = 0;
            Iterator<Feature> current = List.<Feature>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && ward < gen.scale().wards) {
                    List<Feature> next = new ArrayList<>();
                    gen.wardRecords(ward++, layer, next::add);
                    current = next.iterator();
                }
                return current.hasNext();
            }

            @Override
            public Feature next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
