package vn.anttmap.demo;

import vn.anttmap.model.Feature;
import vn.anttmap.model.IncidentLifecycle.Step;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static vn.anttmap.demo.DemoContext.VN;

/**
 * The handling history of every demo incident (synthetic, like the incidents): received minutes to hours after it
 * happened (by channel), assigned within hours, verified within a day or two, handled within days (crimes transferred to
 * the investigating body, disputes mediated, administrative violations fined or warned, …), closed days later; each
 * step by an illustrative officer "(minh họa)". Steps that would fall after {@link DemoPlan#HANDLING_AS_OF} are not
 * taken, and some incidents, more of the recent ones, stop early (received, assigned or verified): they are still open.
 *
 * <p>Draws from its own random sequence only, never from the ward's shared one, so adding the histories changed no
 * other value of the demo.
 */
final class DemoHandling {
    /**
     * How a ward's police handle: {@code speed} scales every delay after receiving (1 = as Hải Hòa); an incident that
     * happened in the last {@code recentDays} before the demo's date stays open with probability {@code recentOpen}, an
     * older one with {@code olderOpen}.
     */
    record Profile(double speed, int recentDays, double recentOpen, double olderOpen) {
    }

    private static final Set<String> SERIOUS = Set.of("nghiem_trong", "rat_nghiem_trong", "dac_biet_nghiem_trong");

    private final Random rnd;
    private final Profile profile;
    private final String unit;
    private final String head;

    /**
     * @param ward the ward whose police handle the incidents (its {@code name} names the officers' unit)
     */
    DemoHandling(long seed, Profile profile, Feature ward) {
        this.rnd = new Random(seed);
        this.profile = profile;
        String name = ward.text("name");
        String lower = name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
        this.unit = "Công an " + lower;
        this.head = "Trưởng Công an " + lower + " (minh họa)";
    }

    /** The incidents, in their order, each with its status and the fields of every step taken. */
    List<Feature> withHistories(List<Feature> incidents) {
        List<Feature> out = new ArrayList<>();
        for (Feature i : incidents) {
            out.add(i.with(history(i)));
        }
        return out;
    }

    private Map<String, Object> history(Feature incident) {
        OffsetDateTime occurred = ((OffsetDateTime) incident.get("occurred_at")).atZoneSameInstant(VN).toOffsetDateTime();
        String category = incident.text("category");
        String severity = incident.text("severity");
        // Every draw is made for every incident, in the same order, whatever its path.
        OffsetDateTime received = minute(occurred.plusMinutes(receiveDelayMinutes(incident.text("channel"))));
        OffsetDateTime assigned = minute(received.plusMinutes(scaled(10 + rnd.nextInt(170))));
        OffsetDateTime verified = workingHours(assigned.plusMinutes(scaled(60 * (2 + rnd.nextInt(34)))));
        String handling = outcome(category);
        OffsetDateTime handled = workingHours(verified.plusMinutes(scaled(handleDelayMinutes(category, severity))));
        OffsetDateTime closed = workingHours(handled.plusMinutes(scaled(24 * 60 * (2 + rnd.nextInt(19)) + rnd.nextInt(240))));
        String officer = String.format(Locale.ROOT, "Cảnh sát khu vực số %d, %s (minh họa)", 1 + rnd.nextInt(4), unit);
        String receiver = String.format(Locale.ROOT, "Cán bộ tiếp nhận số %d, %s (minh họa)", 1 + rnd.nextInt(3), unit);
        boolean recent = ChronoUnit.DAYS.between(occurred, DemoPlan.HANDLING_AS_OF) <= profile.recentDays();
        boolean open = rnd.nextDouble() < (recent ? profile.recentOpen() : profile.olderOpen());
        double stopAt = rnd.nextDouble();
        Step last = !open ? Step.CLOSED : stopAt < 0.3 ? Step.RECEIVED : stopAt < 0.6 ? Step.ASSIGNED : Step.VERIFIED;
        OffsetDateTime[] at = {received, assigned, verified, handled, closed};
        while (at[last.ordinal()].isAfter(DemoPlan.HANDLING_AS_OF)) {
            if (last == Step.RECEIVED) {
                return Map.of(); // not yet received on the demo's date: no handling recorded
            }
            last = Step.values()[last.ordinal() - 1];
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", last.code());
        for (Step s : Step.values()) {
            boolean taken = s.ordinal() <= last.ordinal();
            p.put(s.atField(), taken ? at[s.ordinal()] : null);
            p.put(s.byField(), !taken ? null : switch (s) {
                case RECEIVED -> receiver;
                case ASSIGNED -> "Phó " + head;
                case VERIFIED -> officer;
                case HANDLED -> "fined".equals(handling) || "transferred".equals(handling) ? head : officer;
                case CLOSED -> head;
            });
        }
        p.put("assigned_to", last.ordinal() >= Step.ASSIGNED.ordinal() ? officer : null);
        p.put("handling", last.ordinal() >= Step.HANDLED.ordinal() ? handling : null);
        return p;
    }

    /** Minutes from the incident to its report: at once on patrol, minutes on 113, hours through VNeID or the app. */
    private int receiveDelayMinutes(String channel) {
        int r = rnd.nextInt(1000);
        return switch (channel) {
            case "patrol" -> r % 16;
            case "hotline_113" -> 2 + r % 24;
            case "camera" -> 5 + r % 56;
            case "in_person" -> 20 + r % 221;
            case "app" -> 20 + r % 461;
            case "vneid" -> 30 + r % 571;
            default -> 10 + r % 111;
        };
    }

    /** How an incident of the category was handled. */
    private String outcome(String category) {
        double r = rnd.nextDouble();
        return switch (category) {
            case "crime" -> "transferred";
            case "social_evil" -> r < 0.75 ? "fined" : "referred";
            case "administrative_violation" -> r < 0.6 ? "fined" : r < 0.9 ? "warned" : "no_violation";
            case "dispute" -> r < 0.85 ? "mediated" : "referred";
            case "other" -> "no_violation";
            default -> "referred";
        };
    }

    /** Minutes from verifying to handling, by category (before the ward's speed). */
    private int handleDelayMinutes(String category, String severity) {
        int hours = rnd.nextInt(1000);
        return 60 * switch (category) {
            case "crime" -> SERIOUS.contains(severity) ? 2 + hours % 9 : 12 + hours % 61;
            case "social_evil" -> 24 + hours % 121;
            case "administrative_violation" -> 12 + hours % 85;
            case "dispute" -> 48 + hours % 193;
            case "other" -> 2 + hours % 23;
            default -> 24 + hours % 49;
        };
    }

    private long scaled(int minutes) {
        return Math.max(1, Math.round(minutes * profile.speed()));
    }

    /** The time, or if it falls outside 07:00–18:00 in Vietnam, the next morning's start of work. */
    private OffsetDateTime workingHours(OffsetDateTime t) {
        LocalDateTime local = t.atZoneSameInstant(VN).toLocalDateTime();
        int start = 30 + rnd.nextInt(90);
        if (local.getHour() >= 7 && local.getHour() < 18) {
            return minute(t);
        }
        LocalDateTime day = local.getHour() < 7 ? local.toLocalDate().atStartOfDay() : local.toLocalDate().plusDays(1).atStartOfDay();
        return day.plusHours(7).plusMinutes(start).atOffset(VN);
    }

    private static OffsetDateTime minute(OffsetDateTime t) {
        return t.atZoneSameInstant(VN).toOffsetDateTime().truncatedTo(ChronoUnit.MINUTES);
    }
}
