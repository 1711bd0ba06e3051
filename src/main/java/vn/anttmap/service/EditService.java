package vn.anttmap.service;

import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.auth.Principal;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.AuditEntry;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.IncidentLifecycle;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.model.Problem;
import vn.anttmap.model.ServiceFailure;
import vn.anttmap.model.ServiceFailure.Kind;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.StaleRecordException;
import vn.anttmap.store.WriteBatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, updates and deletes single records: the same checks as an import, one transaction each,
 * optimistic locking by version (a hash of the record as the API shows it), and an audit entry with the record
 * before and after, written in the same transaction.
 *
 * <p>The version check is part of the write: the batch {@linkplain WriteBatch#expect expects} the record at the
 * version the client sent, and the store checks it under a row lock inside the write transaction
 * ({@link FeatureStore#write}). Of several writers holding the same version (threads of this process, other server
 * nodes on the same PostGIS, a CLI beside the server on the same H2 file), exactly one writes; the others get a
 * {@linkplain Kind#CONFLICT conflict} with the version the record has now (or, when the winner deleted it, that there is no such record). The early comparison before the write only saves work for a stale request.
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

    /** An edit made on a version that is no longer the record's, when who made the current one is not recorded. */
    static final String CHANGED = "bản ghi đã thay đổi từ khi bạn mở nó (không ghi lại ai sửa: có thể do nhập dữ liệu); hãy tải lại"
            + " rồi sửa / the record changed since you opened it (who changed it is not recorded: an import, perhaps);"
            + " reload it and edit again";

    /**
     * A refused edit; its message is {@code "vi / en"}. Kinds: {@code UNAUTHENTICATED} or {@code FORBIDDEN} (may not
     * edit), {@code NOT_ALLOWED} (a layer not edited one record at a time), {@code CONFLICT} (a stale version, a taken
     * id, an area still referred to, an incident's step out of order: field {@code status}), {@code
     * PRECONDITION_REQUIRED} (no version sent). A missing record is a
     * {@link NoSuchElementException}.
     */
    public static final class EditException extends ServiceFailure {
        EditException(Kind kind, String message, String currentVersion) {
            this(kind, message, currentVersion, (AuditEntry) null);
        }

        EditException(Kind kind, String message, String currentVersion, AuditEntry changedBy) {
            super(kind, message, currentVersion, changedBy, 0);
        }

        EditException(Kind kind, String message, String currentVersion, String field) {
            super(kind, message, currentVersion, null, 0, field);
        }
    }

    /** A record with its version. */
    public record Versioned(Feature feature, String version) {
    }

    public Optional<Versioned> get(Layer layer, String id) {
        return store.get(layer, id).map(f -> new Versioned(f, version(layer, f)));
    }

    /**
     * Creates a record. With an id given, the record must not exist when written (checked in the write transaction:
     * of two creators of the same id, one wins and the other gets a conflict with the winner's version).
     *
     * @throws EditException {@code NOT_ALLOWED} for a layer not editable this way, {@code UNAUTHENTICATED} or
     *                       {@code FORBIDDEN} when {@code who} may not, {@code CONFLICT} when the id is taken
     */
    public Versioned create(Principal who, Layer layer, RawRecord record) {
        editable(layer);
        if (record.id() != null) {
            Optional<Feature> there = store.get(layer, record.id());
            if (there.isPresent()) {
                throw taken(who, layer, record.id(), there.get());
            }
        }
        Feature written = write(who, layer, signed(who, layer, record), null, null);
        return new Versioned(written, version(layer, written));
    }

    /**
     * Replaces record {@code id} if it is still at version {@code ifMatch} when written.
     *
     * @throws NoSuchElementException when there is no such record (or it is deleted before this write)
     * @throws EditException          {@code PRECONDITION_REQUIRED} without {@code ifMatch}; {@code CONFLICT} with the
     *                                current version when the record is no longer at {@code ifMatch}
     */
    public Versioned update(Principal who, Layer layer, String id, RawRecord record, String ifMatch) {
        editable(layer);
        Feature before = visibleOrMissing(who, layer, id);
        check(who, layer, before);
        requireVersion(layer, before, ifMatch);
        Feature written = write(who, layer, signed(who, layer, new RawRecord(record.location(), id, record.geometry(),
                record.values())), before, null);
        return new Versioned(written, version(layer, written));
    }

    /**
     * Takes the next step of incident {@code incidentId}'s handling ({@link IncidentLifecycle#advance}) as {@code who}, if
     * the incident is still at version {@code ifMatch} when written: the step's author is {@code who}, its time
     * {@code step.at()} or now; the record is then checked like any edit (no step time in the future, none before the
     * step before it) and written in one transaction with its audit entry (action {@code status}, the record before and
     * after, the step as detail).
     *
     * @throws NoSuchElementException when there is no such incident, or {@code who} may not see it
     * @throws EditException          {@code UNAUTHENTICATED} or {@code FORBIDDEN} when {@code who} may not edit it,
     *                                {@code PRECONDITION_REQUIRED} without {@code ifMatch}, {@code CONFLICT} with the
     *                                current version when the record is no longer at {@code ifMatch} or the step is not
     *                                the next one (field {@code status})
     * @throws InvalidInputException  when the step lacks what it needs ({@code assigned_to}, {@code handling}) or its time
     *                                is refused
     */
    public Versioned advance(Principal who, String incidentId, IncidentLifecycle.Advance step, String ifMatch) {
        return advance(who, incidentId, () -> step, ifMatch);
    }

    /**
     * As {@link #advance(Principal, String, IncidentLifecycle.Advance, String)}, the step read from {@code step} only once
     * {@code who} is known to be allowed to edit the incident and the version matches (the API reads the request's body
     * then: who may not write learns nothing from a body's errors).
     */
    public Versioned advance(Principal who, String incidentId, java.util.function.Supplier<IncidentLifecycle.Advance> step,
                             String ifMatch) {
        Layer layer = Layer.INCIDENTS;
        Feature before = visibleOrMissing(who, layer, incidentId);
        check(who, layer, before);
        requireVersion(layer, before, ifMatch);
        IncidentLifecycle.Advance a = step.get();
        OffsetDateTime now = vn.anttmap.model.VietnamTime.inVietnam(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
        Map<String, Object> after;
        try {
            after = IncidentLifecycle.advance(before.properties(), a, who.username(), now);
        } catch (IncidentLifecycle.StepRefused e) {
            if (e.outOfOrder()) {
                throw new EditException(Kind.CONFLICT, e.getMessage(), version(layer, before), "status");
            }
            throw new InvalidInputException("request", new Problem("request", e.field(), e.getMessage()));
        }
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (vn.anttmap.model.FieldDef f : layer.fields()) {
            if (!f.derived() && after.get(f.name()) != null) {
                values.put(f.name(), after.get(f.name()));
            }
        }
        String detail = (before.get("status") == null ? "—" : before.get("status")) + " → " + after.get("status");
        Feature written = write(who, layer, new RawRecord("request", incidentId, before.geometry(), values), before, detail);
        return new Versioned(written, version(layer, written));
    }

    /**
     * Deletes record {@code id} if it is still at version {@code ifMatch} when deleted.
     *
     * @throws NoSuchElementException when there is no such record (or another writer deletes it first)
     * @throws EditException          {@code PRECONDITION_REQUIRED} without {@code ifMatch}; {@code CONFLICT} with the
     *                                current version when the record is no longer at {@code ifMatch}, or for an area
     *                                that records still refer to
     */
    public void delete(Principal who, Layer layer, String id, String ifMatch) {
        delete(who, layer, id, ifMatch, null);
    }

    /** The longest reason for a delete that the audit log keeps. */
    public static final int MAX_REASON = 500;

    /**
     * Deletes record {@code id} as {@link #delete(Principal, Layer, String, String)} does, recording {@code reason}
     * (why, in the deleter's words; may be null) as the audit entry's detail.
     */
    public void delete(Principal who, Layer layer, String id, String ifMatch, String reason) {
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
                throw new EditException(Kind.CONFLICT, "khu dân cư '" + id + "' vẫn còn " + refs + " vụ việc, camera hoặc tổ / area '" + id
                        + "' still has " + refs + " incidents, cameras or teams", version(layer, before));
            }
        }
        AuditEntry gone = entry(who, "delete", layer, id, json(layer, before), null);
        WriteBatch batch = new WriteBatch().delete(layer, List.of(id)).audit(new AuditEntry(gone.id(), gone.at(), gone.username(),
                gone.action(), gone.layer(), gone.recordId(), gone.beforeJson(), gone.afterJson(), reason));
        try {
            store.write(expect(batch, layer, id, before));
        } catch (StaleRecordException e) {
            throw stale(e);
        }
    }

    /**
     * An attestation is signed by who writes it: a signed-in account is recorded as {@code attested_by} whatever the
     * record says (an officer cannot attest in someone else's name; {@code signed_for} may say more). The operator at
     * the machine ({@link Principal#ADMIN_LOCAL}) has no account: the record's own {@code attested_by} stays.
     */
    static RawRecord signed(Principal who, Layer layer, RawRecord record) {
        if (layer != Layer.ATTESTATIONS || who.isPublic() || who.username() == null || who == Principal.ADMIN_LOCAL) {
            return record;
        }
        Map<String, Object> values = new java.util.LinkedHashMap<>(record.values() == null ? Map.of() : record.values());
        values.put("attested_by", who.username());
        return new RawRecord(record.location(), record.id(), record.geometry(), values);
    }

    /**
     * Writes one record through the import's checks; with {@code before}, only if the stored record is still
     * {@code before} (its version) when written, else only if the record's id (when it has one) is not taken.
     * Returns the record as this write stored it (read in its transaction: a writer coming right after cannot
     * slip its version into this one's answer). An incident's handling may only move forward ({@link
     * IncidentLifecycle#changeProblems}) but for an administrator. With {@code step} (an incident's status change, {@code
     * "received → assigned"}), the audit entry's action is {@code status} and its detail the step.
     */
    private Feature write(Principal who, Layer layer, RawRecord record, Feature before, String step) {
        Feature[] written = new Feature[1];
        try {
            importer.importRecords(layer, "request", List.of(record), (features, batch) -> {
                Feature f = features.get(0);
                check(who, layer, f);
                if (layer == Layer.INCIDENTS && before != null) {
                    // The handling moves forward only, and a step once recorded stays: an administrator may correct it.
                    List<Problem> changed = IncidentLifecycle.changeProblems(record.location(), before.properties(), f.properties(),
                            who.is(vn.anttmap.model.Account.Role.ADMIN));
                    if (!changed.isEmpty()) {
                        throw new InvalidInputException("request", changed);
                    }
                }
                batch.readBack(layer, f.id(), stored -> written[0] = stored);
                if (before != null) {
                    expect(batch, layer, f.id(), before);
                } else if (record.id() != null) {
                    batch.expect(layer, f.id(), x -> version(layer, x), null);
                }
                AuditEntry e = entry(who, step != null ? "status" : before == null ? "create" : "update", layer, f.id(),
                        before == null ? null : json(layer, before), json(layer, f));
                batch.audit(step == null ? e : new AuditEntry(e.id(), e.at(), e.username(), e.action(), e.layer(), e.recordId(),
                        e.beforeJson(), e.afterJson(), step));
            });
        } catch (StaleRecordException e) {
            if (before == null) {
                throw taken(who, layer, e.id(), store.get(layer, e.id()).orElse(null));
            }
            throw stale(e);
        }
        return java.util.Objects.requireNonNull(written[0], "the record written was not read back");
    }

    /**
     * A conflict for a new record whose id is taken. The id cannot be given twice, so the refusal says that much; the taken
     * record's version (a digest of its contents) goes only to who may see that record, not to another ward's officer.
     */
    private EditException taken(Principal who, Layer layer, String id, Feature there) {
        boolean visible = there != null && AccessPolicy.visible(who, layer.apiName(), there);
        return new EditException(Kind.CONFLICT, "mã '" + id + "' đã được dùng / the id '" + id + "' is taken",
                visible ? version(layer, there) : null);
    }

    /** The batch, expecting record {@code id} to be {@code before} (by version) when it is written. */
    private static WriteBatch expect(WriteBatch batch, Layer layer, String id, Feature before) {
        return batch.expect(layer, id, f -> version(layer, f), version(layer, before));
    }

    /**
     * A write that found its record changed since it was read: a conflict with the version it has now. One that found it
     * deleted: no such record, as for a request that comes after the delete (the answer does not depend on which
     * side of the deleter's commit the request fell).
     */
    private RuntimeException stale(StaleRecordException e) {
        if (e.currentVersion() == null) {
            return new NoSuchElementException("không có bản ghi " + e.layer().apiName() + " mã '" + e.id() + "' (đã bị xóa sau khi bạn mở) / no "
                    + e.layer().apiName() + " '" + e.id() + "' (deleted since it was read)");
        }
        return changed(e.layer(), e.id(), e.currentVersion());
    }

    /**
     * A conflict for an edit of a version that is no longer current, naming who made the current one and when: the record's
     * newest audit entry, if that entry wrote this very version (an import, which is audited as a whole, or a change
     * made outside the service leaves who unknown, and the answer says so rather than naming the last editor).
     */
    private EditException changed(Layer layer, String id, String currentVersion) {
        Optional<AuditEntry> last = store.lastAudit(layer.apiName(), id)
                .filter(a -> a.afterJson() != null && currentVersion.equals(hash(a.afterJson())));
        if (last.isEmpty()) {
            return new EditException(Kind.CONFLICT, CHANGED, currentVersion);
        }
        AuditEntry a = last.get();
        String when = a.at().atZoneSameInstant(vn.anttmap.model.VietnamTime.ZONE)
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"));
        String whoVi = a.username() == null ? "quản trị viên tại máy chủ" : a.username();
        String whoEn = a.username() == null ? "the operator at the server" : a.username();
        return new EditException(Kind.CONFLICT, "bản ghi đã được " + whoVi + " sửa lúc " + when + " sau khi bạn mở nó; hãy tải lại rồi sửa"
                + " / the record was changed by " + whoEn + " at " + when + " after you opened it; reload it and edit again",
                currentVersion, a);
    }

    /**
     * The record, if the principal may see it; else the same refusal as for a missing id, so that a refusal to edit
     * (or a conflict with its current version) does not tell another ward's officer that the record exists.
     */
    private Feature visibleOrMissing(Principal who, Layer layer, String id) {
        return store.get(layer, id).filter(f -> AccessPolicy.visible(who, layer.apiName(), f))
                .orElseThrow(() -> new NoSuchElementException("không có bản ghi " + layer.apiName() + " mã '" + id + "' / no " + layer.apiName()
                        + " '" + id + "'"));
    }

    private void check(Principal who, Layer layer, Feature f) {
        String ward = wardOf(layer, f);
        if (!AccessPolicy.canWrite(who, layer.apiName(), ward)) {
            throw new EditException(who.isPublic() ? Kind.UNAUTHENTICATED : Kind.FORBIDDEN, who.isPublic() ? "đăng nhập để sửa / sign in to edit"
                    : "bạn không được sửa " + layer.apiName() + (ward == null ? "" : " của phường " + ward) + " / you may not edit "
                    + layer.apiName() + (ward == null ? "" : " of ward " + ward), null);
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
            throw new EditException(Kind.PRECONDITION_REQUIRED, "gửi If-Match với phiên bản bạn đã sửa (ETag của GET) / send If-Match with the version you "
                    + "edited (the ETag of GET)", v);
        }
        if (!ifMatch.replace("\"", "").equals(v)) {
            throw changed(layer, current.id(), v);
        }
    }

    private static void editable(Layer layer) {
        if (!EDITABLE.contains(layer)) {
            throw new EditException(Kind.NOT_ALLOWED, "lớp " + layer.apiName() + " không sửa được từng bản ghi một / layer " + layer.apiName()
                    + " cannot be edited one record at a time", null);
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
        return hash(json(layer, f));
    }

    /** The version of a record given as the API shows it ({@link #json}). */
    private static String hash(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
