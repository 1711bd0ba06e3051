package vn.anttmap.service;

import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.auth.Principal;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.AuditEntry;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.WriteBatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, updates and deletes single records over HTTP: the same checks as an import, one transaction each,
 * optimistic locking by version (a hash of the record as the API shows it), and an audit entry with the record
 * before and after, written in the same transaction.
 */
public final class EditService {
    /** The layers that can be edited one record at a time. */
    public static final Set<Layer> EDITABLE = Set.of(Layer.INCIDENTS, Layer.CAMERAS, Layer.AREAS, Layer.TEAMS, Layer.ATTESTATIONS,
            Layer.SOCIAL_RECORDS, Layer.EXCEPTION_DECISIONS, Layer.ORGANISATIONS);

    private final FeatureStore store;
    private final ImportService importer;
    private final Clock clock;

    public EditService(FeatureStore store, ImportService importer, Clock clock) {
        this.store = store;
        this.importer = importer;
        this.clock = clock;
    }

    /** Refused: not allowed (403), missing (404), or a stale or missing version (409, 428). */
    public static final class EditException extends RuntimeException {
        public final int status;
        public final String currentVersion;

        EditException(int status, String message, String currentVersion) {
            super(message);
            this.status = status;
            this.currentVersion = currentVersion;
        }
    }

    /** A record with its version. */
    public record Versioned(Feature feature, String version) {
    }

    public Optional<Versioned> get(Layer layer, String id) {
        return store.get(layer, id).map(f -> new Versioned(f, version(layer, f)));
    }

    /**
     * Creates, updates and deletes are serialised in this service, so that the version compared is the one replaced:
     * two writers holding the same version no longer both succeed (the second gets 409). Writers in other processes
     * are not covered by this lock.
     */
    public synchronized Versioned create(Principal who, Layer layer, RawRecord record) {
        editable(layer);
        if (record.id() != null && store.get(layer, record.id()).isPresent()) {
            throw new EditException(409, layer.apiName() + " '" + record.id() + "' already exists", null);
        }
        Feature written = write(who, layer, record, null);
        return new Versioned(written, version(layer, written));
    }

    public synchronized Versioned update(Principal who, Layer layer, String id, RawRecord record, String ifMatch) {
        editable(layer);
        Feature before = visibleOrMissing(who, layer, id);
        check(who, layer, before);
        requireVersion(layer, before, ifMatch);
        Feature written = write(who, layer, new RawRecord(record.location(), id, record.geometry(), record.values()), before);
        return new Versioned(written, version(layer, written));
    }

    public synchronized void delete(Principal who, Layer layer, String id, String ifMatch) {
        editable(layer);
        Feature before = visibleOrMissing(who, layer, id);
        check(who, layer, before);
        requireVersion(layer, before, ifMatch);
        if (layer == Layer.AREAS) {
            long refs = 0;
            for (Layer l : List.of(Layer.INCIDENTS, Layer.CAMERAS, Layer.TEAMS)) {
                refs += store.query(l, FeatureQuery.ALL.withArea(id)).size();
            }
            if (refs > 0) {
                throw new EditException(409, "area '" + id + "' still has " + refs + " incidents, cameras or teams", version(layer, before));
            }
        }
        store.write(new WriteBatch().delete(layer, List.of(id)).audit(entry(who, "delete", layer, id, json(layer, before), null)));
    }

    private synchronized Feature write(Principal who, Layer layer, RawRecord record, Feature before) {
        String[] written = new String[1];
        importer.importRecords(layer, "request", List.of(record), (features, batch) -> {
            Feature f = features.get(0);
            check(who, layer, f);
            written[0] = f.id();
            batch.audit(entry(who, before == null ? "create" : "update", layer, f.id(),
                    before == null ? null : json(layer, before), json(layer, f)));
        });
        return store.get(layer, written[0]).orElseThrow();
    }

    /**
     * The record, if the principal may see it; else the same 404 as for a missing id, so that a 403 (or a 409 with
     * its current version) does not tell another ward's officer that the record exists.
     */
    private Feature visibleOrMissing(Principal who, Layer layer, String id) {
        return store.get(layer, id).filter(f -> AccessPolicy.visible(who, layer.apiName(), f))
                .orElseThrow(() -> new NoSuchElementException("no " + layer.apiName() + " '" + id + "'"));
    }

    private void check(Principal who, Layer layer, Feature f) {
        String ward = wardOf(layer, f);
        if (!AccessPolicy.canWrite(who, layer.apiName(), ward)) {
            throw new EditException(who.isPublic() ? 401 : 403, who.isPublic() ? "sign in to edit"
                    : "you may not edit " + layer.apiName() + (ward == null ? "" : " of ward " + ward), null);
        }
    }

    private String wardOf(Layer layer, Feature f) {
        if (layer == Layer.ATTESTATIONS) {
            String subject = f.text("subject_id");
            return "ward".equals(f.text("subject_kind")) ? subject
                    : store.get(Layer.AREAS, subject).map(a -> a.text("ward_id")).orElse(null);
        }
        return f.text("ward_id");
    }

    private void requireVersion(Layer layer, Feature current, String ifMatch) {
        String v = version(layer, current);
        if (ifMatch == null) {
            throw new EditException(428, "send If-Match with the version you edited (the ETag of GET)", v);
        }
        if (!ifMatch.replace("\"", "").equals(v)) {
            throw new EditException(409, "the record changed since you read it", v);
        }
    }

    private static void editable(Layer layer) {
        if (!EDITABLE.contains(layer)) {
            throw new EditException(405, "layer " + layer.apiName() + " cannot be edited one record at a time", null);
        }
    }

    private AuditEntry entry(Principal who, String action, Layer layer, String id, String before, String after) {
        return new AuditEntry(UUID.randomUUID().toString(), OffsetDateTime.now(clock), who.username(), action,
                layer.apiName(), id, before, after, null);
    }

    /** The record as the API shows it (one GeoJSON feature). */
    public static String json(Layer layer, Feature f) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GeoJsonWriter.write(layer, List.of(f), Map.of(), out);
            String fc = out.toString(StandardCharsets.UTF_8);
            int start = fc.indexOf("\"features\":[") + "\"features\":[".length();
            return fc.substring(start, fc.length() - 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String version(Layer layer, Feature f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json(layer, f).getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
