package vn.anttmap.service;

import vn.anttmap.io.RawRecord;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;

import java.util.List;
import java.util.Map;

/**
 * A bulk load in progress ({@link ImportService#bulkLoad}): {@link #add} each batch, then {@link #close}. Not for use
 * by several threads.
 */
public final class BulkLoad implements AutoCloseable {
private final ImportService importer;
    private final Layer layer;
    private final String source;
    private final ImportService.Boundaries pinned;
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bulk-load-writer");
        t.setDaemon(true);
        return t;
    });
    private java.util.concurrent.Future<?> writing;
    private long written;
    private long pendingRecords;

    private final Runnable buildIndexes;

    BulkLoad(ImportService importer, Layer layer, String source, ImportService.Boundaries pinned) {
        this.importer = importer;
        this.layer = layer;
        this.source = source;
        this.pinned = pinned;
        this.buildIndexes = importer.store().deferIndexes(layer);
    }

    /**
     * Checks and assigns a batch now (on the calling thread; {@code raws} may be reused once this returns),
     * waits for the previous batch to be written, then writes this one in the background.
     *
     * @throws InvalidInputException when the batch is refused (nothing of it is written)
     */
    public ImportResult add(List<RawRecord> raws) {
        ImportService.Pending pending = importer.new Pending();
        ImportResult r;
        synchronized (importer) {
            // The cached boundaries' locators are not for two threads at once (another import may be staging).
            r = importer.stage(pending, layer, source, raws, pinned);
        }
        int n = pending.added.getOrDefault(layer, Map.of()).size();
        pending.batch.audit(new vn.anttmap.model.AuditEntry(java.util.UUID.randomUUID().toString(),
                java.time.OffsetDateTime.now(importer.clock()), null, "import", layer.apiName(), null, null, null,
                source + ": " + n + " records"));
        await();
        writing = writer.submit(() -> importer.store().write(pending.batch));
        pendingRecords = n;
        return r;
    }

    /** Records written so far (committed; all added once {@link #close} returns without an exception). */
    public long written() {
        return written;
    }

    private void await() {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
            written += pendingRecords;
            importer.countWritten(layer, pendingRecords);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + layer.apiName(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            writing = null;
        }
    }

    /** Waits for the last batch to be written. */
    @Override
    public void close() {
        RuntimeException failed = null;
        try {
            await();
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            writer.shutdown();
            buildIndexes.run();
        } catch (RuntimeException e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
