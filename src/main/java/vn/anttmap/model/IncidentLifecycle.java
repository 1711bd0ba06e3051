package vn.anttmap.model;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of an incident's handling, from report to closure: tiếp nhận (received), phân công (assigned), xác minh
 * (verified), xử lý (handled), kết thúc (closed), in that order. Pure: no clock, no storage.
 *
 * <ul>
 *   <li>A record's {@code status} names the last step taken. Every step up to it carries its time ({@code
 *       received_at}, …); assigning names to whom ({@code assigned_to}), handling names how ({@code handling}); steps
 *       after it are empty. An incident without a status has no handling recorded (older records, a file without
 *       it): every figure counts it as "không rõ" (unknown), never as handled or open.</li>
 *   <li>Each step's time is no earlier than the step before it, and receiving no earlier than the incident.</li>
 *   <li>A change moves the status forward (or leaves it), and leaves the steps already recorded as they were; only an
 *       administrator may correct them or move the status back (every change is in the audit log either way).</li>
 *   <li>{@link #advance} takes the next step only: closing before receiving, or handling before verifying, is refused
 *       with the step that comes next.</li>
 * </ul>
 */
public final class IncidentLifecycle {
    private IncidentLifecycle() {
    }

    /** One step: its status code, its fields, and its name in Vietnamese and English. */
    public enum Step {
        RECEIVED("received", "tiếp nhận", "received"),
        ASSIGNED("assigned", "phân công", "assigned"),
        VERIFIED("verified", "xác minh", "verified"),
        HANDLED("handled", "xử lý", "handled"),
        CLOSED("closed", "kết thúc", "closed");

        private final String code;
        private final String vi;
        private final String en;

        Step(String code, String vi, String en) {
            this.code = code;
            this.vi = vi;
            this.en = en;
        }

        public String code() {
            return code;
        }

        /** The field with the step's time: {@code received_at}, … */
        public String atField() {
            return code + "_at";
        }

        /** The field with who took the step: {@code received_by}, … */
        public String byField() {
            return code + "_by";
        }

        /** What else the step must name: the assignee, or how it was handled. */
        public String detailField() {
            return this == ASSIGNED ? "assigned_to" : this == HANDLED ? "handling" : null;
        }

        public String vi() {
            return vi;
        }

        public String en() {
            return en;
        }

        public static java.util.Optional<Step> of(String code) {
            for (Step s : values()) {
                if (s.code.equals(code)) {
                    return java.util.Optional.of(s);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Statuses counted as handled (handled, then closed). */
    public static boolean isHandled(String status) {
        return Step.HANDLED.code.equals(status) || Step.CLOSED.code.equals(status);
    }

    /** Statuses counted as open: received, assigned, verified. */
    public static boolean isOpen(String status) {
        return Step.RECEIVED.code.equals(status) || Step.ASSIGNED.code.equals(status) || Step.VERIFIED.code.equals(status);
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");

    private static String shown(OffsetDateTime t) {
        return t.atZoneSameInstant(VietnamTime.ZONE).format(SHOWN);
    }

    /** The fields of every step (time, author, detail), in order. */
    public static List<String> fields() {
        List<String> out = new ArrayList<>();
        for (Step s : Step.values()) {
            out.add(s.atField());
            out.add(s.byField());
            if (s.detailField() != null) {
                out.add(s.detailField());
            }
        }
        return out;
    }

    /**
     * What is wrong with one record's handling (its {@code status} and step fields, typed as a layer's fields are),
     * each problem at {@code location} and the field concerned, Vietnamese first; empty if nothing.
     */
    public static List<Problem> problems(String location, Map<String, Object> props) {
        List<Problem> out = new ArrayList<>();
        Object statusValue = props.get("status");
        if (statusValue == null) {
            for (String f : fields()) {
                if (props.get(f) != null) {
                    out.add(new Problem(location, "status", "chưa ghi trạng thái xử lý (status) mà đã ghi " + f
                            + " / " + f + " is set but the status is empty"));
                    return out;
                }
            }
            return out;
        }
        Step status = Step.of(statusValue.toString()).orElse(null);
        if (status == null) {
            return out; // the field's own check names the allowed codes
        }
        for (Step s : Step.values()) {
            boolean taken = s.ordinal() <= status.ordinal();
            for (String f : new String[]{s.atField(), s.detailField()}) {
                if (f == null) {
                    continue;
                }
                if (taken && props.get(f) == null) {
                    out.add(new Problem(location, f, "trạng thái '" + status.vi + "' cần " + f + " (bước " + s.vi
                            + ") / status '" + status.en + "' needs " + f + " (the " + s.en + " step)"));
                }
            }
            if (!taken) {
                for (String f : new String[]{s.atField(), s.byField(), s.detailField()}) {
                    if (f != null && props.get(f) != null) {
                        out.add(new Problem(location, f, "trạng thái mới là '" + status.vi + "', chưa đến bước " + s.vi
                                + ": để trống " + f + " / the status is '" + status.en + "', before the " + s.en
                                + " step: leave " + f + " empty"));
                    }
                }
            }
        }
        OffsetDateTime previous = (OffsetDateTime) props.get("occurred_at");
        String previousName = "occurred_at";
        String previousVi = "thời điểm xảy ra";
        for (Step s : Step.values()) {
            if (s.ordinal() > status.ordinal()) {
                break;
            }
            OffsetDateTime at = (OffsetDateTime) props.get(s.atField());
            if (at == null) {
                continue;
            }
            if (previous != null && at.isBefore(previous)) {
                out.add(new Problem(location, s.atField(), "thời điểm " + s.vi + " (" + shown(at) + ") trước " + previousVi
                        + " (" + shown(previous) + ") / " + s.atField() + " " + shown(at) + " is before " + previousName
                        + " " + shown(previous)));
            }
            previous = at;
            previousName = s.atField();
            previousVi = "thời điểm " + s.vi;
        }
        return out;
    }

    /** Minutes from receiving to handling, where both are recorded; else {@code null}. */
    public static Integer handleMinutes(Map<String, Object> props) {
        if (!(props.get("received_at") instanceof OffsetDateTime received) || !(props.get("handled_at") instanceof OffsetDateTime handled)
                || handled.isBefore(received)) {
            return null;
        }
        return (int) Math.min(Integer.MAX_VALUE, Duration.between(received, handled).toMinutes());
    }

    /**
     * What is wrong with changing a record's handling from {@code before} to {@code after}: the status moving back,
     * or a step already recorded changed, unless {@code corrector} (an administrator correcting the record). Empty if
     * nothing.
     */
    public static List<Problem> changeProblems(String location, Map<String, Object> before, Map<String, Object> after,
                                               boolean corrector) {
        List<Problem> out = new ArrayList<>();
        if (corrector) {
            return out;
        }
        Step was = Step.of(String.valueOf(before.get("status"))).orElse(null);
        Step now = Step.of(String.valueOf(after.get("status"))).orElse(null);
        if (was == null) {
            return out;
        }
        if (now == null || now.ordinal() < was.ordinal()) {
            String to = now == null ? "(trống)" : "'" + now.vi + "'";
            String toEn = now == null ? "empty" : "'" + now.en + "'";
            out.add(new Problem(location, "status", "không thể chuyển trạng thái từ '" + was.vi + "' về " + to
                    + " (chỉ quản trị viên được sửa) / the status cannot go back from '" + was.en + "' to " + toEn
                    + " (only an administrator may correct it)"));
            return out;
        }
        for (Step s : Step.values()) {
            if (s.ordinal() > was.ordinal()) {
                break;
            }
            for (String f : new String[]{s.atField(), s.byField(), s.detailField()}) {
                if (f != null && !same(before.get(f), after.get(f))) {
                    out.add(new Problem(location, f, "bước " + s.vi + " đã ghi, không sửa " + f + " được (chỉ quản trị viên "
                            + "được sửa) / the " + s.en + " step is recorded: " + f + " cannot be changed (only an administrator "
                            + "may correct it)"));
                }
            }
        }
        return out;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.isEqual(y);
        }
        return Objects.equals(a, b);
    }

    /** A step to take: which, when (null: now), and its detail (the assignee, or how it was handled). */
    public record Advance(String status, OffsetDateTime at, String detail) {
    }

    /**
     * A step refused: the field concerned and the reason, {@code "vi / en"}; {@link #outOfOrder} when the step is a
     * real one but not the incident's next (the record's state decides, not the request), else the request itself is
     * wrong (an unknown status, a missing detail).
     */
    public static final class StepRefused extends RuntimeException {
        private final String field;
        private final boolean outOfOrder;

        public StepRefused(String field, String message, boolean outOfOrder) {
            super(message);
            this.field = field;
            this.outOfOrder = outOfOrder;
        }

        public String field() {
            return field;
        }

        public boolean outOfOrder() {
            return outOfOrder;
        }
    }

    /**
     * The record's fields after taking the next step {@code a} by {@code by} at {@code a.at()} (or {@code now}); refused
     * when it is not the step after the current status, or when a detail it needs is missing. The result is then checked
     * by {@link #problems} like any record (times in order, none in the future).
     */
    public static Map<String, Object> advance(Map<String, Object> current, Advance a, String by, OffsetDateTime now) {
        String known = String.join(", ", Codes.INCIDENT_STATUSES);
        if (a.status() == null || a.status().isBlank()) {
            throw new StepRefused("status", "cần trạng thái mới (status: " + known + ") / the new status is required (status: "
                    + known + ")", false);
        }
        Step target = Step.of(a.status().trim()).orElseThrow(() -> new StepRefused("status",
                "không có trạng thái '" + a.status() + "'; các trạng thái: " + String.join(", ", Codes.INCIDENT_STATUSES)
                        + " / unknown status '" + a.status() + "'; statuses: " + String.join(", ", Codes.INCIDENT_STATUSES), false));
        Step was = Step.of(String.valueOf(current.get("status"))).orElse(null);
        Step next = was == null ? Step.RECEIVED : was == Step.CLOSED ? null : Step.values()[was.ordinal() + 1];
        if (next == null) {
            throw new StepRefused("status", "vụ việc đã kết thúc, không còn bước nào / the incident is closed: no step is left", true);
        }
        if (target != next) {
            String wasVi = was == null ? "chưa tiếp nhận" : "đang ở bước " + was.vi;
            String wasEn = was == null ? "not yet received" : "at the " + was.en + " step";
            throw new StepRefused("status", "không thể chuyển sang '" + target.vi + "': vụ việc " + wasVi + ", bước tiếp theo là '"
                    + next.vi + "' / cannot move to '" + target.en + "': the incident is " + wasEn + ", the next step is '"
                    + next.en + "'", true);
        }
        String detail = a.detail() == null || a.detail().isBlank() ? null : a.detail().trim();
        if (target.detailField() != null && detail == null) {
            throw new StepRefused(target.detailField(), target == Step.ASSIGNED
                    ? "phân công cần ghi giao cho ai (assigned_to) / assigning needs whom it is assigned to (assigned_to)"
                    : "xử lý cần ghi hình thức xử lý (handling: " + String.join(", ", Codes.HANDLING_OUTCOMES)
                    + ") / handling needs how it was handled (handling: " + String.join(", ", Codes.HANDLING_OUTCOMES) + ")", false);
        }
        Map<String, Object> out = new LinkedHashMap<>(current);
        out.put("status", target.code);
        out.put(target.atField(), a.at() != null ? a.at() : now);
        out.put(target.byField(), by);
        if (target.detailField() != null) {
            out.put(target.detailField(), detail);
        }
        return out;
    }
}
