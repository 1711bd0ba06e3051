package vn.anttmap.auth;

import vn.anttmap.model.Account.Role;
import vn.anttmap.model.Feature;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The one access policy, applied to every way data leaves the service.
 *
 * <ul>
 *   <li><b>Public</b> (not signed in): wards, residential areas and their verdicts, roads, the coastline,
 *       aggregated counts, and community street cameras. Never an incident (point or description), never a
 *       household's, business's or police camera, never teams, disputes, extractions, records, attestations.</li>
 *   <li><b>Officer</b>: everything of their own ward, exactly; for other wards, what the public sees.</li>
 *   <li><b>Planner</b>: what the public sees, plus every camera, the coverage and camera plans, and the hotspot
 *       grids (aggregated to cells of tens of metres, which is where cameras help most); no incidents.</li>
 *   <li><b>Leader</b> (lãnh đạo: of a ward, several wards or a province): what an officer sees, for every ward of
 *       their scope, and the dashboard of those wards; other wards as the public sees them. Leaders write nothing.</li>
 *   <li><b>Admin</b>: everything, and users and the audit log.</li>
 * </ul>
 * Layers are named as in the API and OGC collections ({@code incidents}, {@code cameras}, {@code areas} /
 * {@code residential_areas}, …).
 */
public final class AccessPolicy {
    /** Layers everyone may read (subject to row filters for cameras). */
    static final Set<String> PUBLIC_LAYERS = Set.of("wards", "areas", "residential_areas", "roads", "coastline", "cameras");
    /** Layers with camera positions, coverage or plans, which planners also see whole. */
    static final Set<String> PLANNER_LAYERS = Set.of("cameras", "camera_coverage", "camera_proposals", "buildings",
            "hotspot_density", "hotspot_gistar", "hotspot_emerging");

    private AccessPolicy() {
    }

    /** Whether the principal may read any record of the layer. */
    public static boolean canRead(Principal p, String layer) {
        return switch (p.role()) {
            case ADMIN -> true;
            case OFFICER, LEADER -> true;
            case PLANNER -> PUBLIC_LAYERS.contains(layer) || PLANNER_LAYERS.contains(layer);
            case PUBLIC -> PUBLIC_LAYERS.contains(layer);
        };
    }

    /** The records of a layer the principal may see. */
    public static List<Feature> filter(Principal p, String layer, List<Feature> features) {
        if (!canRead(p, layer)) {
            return List.of();
        }
        if (p.is(Role.ADMIN) || (p.is(Role.PLANNER) && PLANNER_LAYERS.contains(layer)) || PUBLIC_LAYERS.contains(layer) && !layer.equals("cameras")) {
            return features;
        }
        return features.stream().filter(f -> visible(p, layer, f)).toList();
    }

    /** Whether the principal may see this record. */
    public static boolean visible(Principal p, String layer, Feature f) {
        return visible(p, layer, f.id(), f::get);
    }

    /**
     * Whether the principal may see the record with this id and these fields (a reader of its typed values by field
     * name): the rule {@link #visible(Principal, String, Feature)} applies, for callers that read records without
     * making a {@link Feature} of each (vector tiles). {@link #filter} keeps exactly the records of a readable layer
     * this accepts.
     */
    public static boolean visible(Principal p, String layer, String id, Function<String, Object> field) {
        if (p.is(Role.ADMIN)) {
            return true;
        }
        if ((p.is(Role.OFFICER) || p.is(Role.LEADER)) && p.seesWard(wardOf(layer, id, field))) {
            return true;
        }
        if (layer.equals("cameras")) {
            return p.is(Role.PLANNER) || "community".equals(field.apply("owner"));
        }
        return canRead(Principal.PUBLIC, layer) || (p.is(Role.PLANNER) && PLANNER_LAYERS.contains(layer));
    }

    /**
     * What the principal may see of a stored layer written as a database filter, where the rule can be written as one:
     * every incident for an administrator and those of their ward for an officer; every camera for an administrator
     * or a planner and the community's cameras for the public. Empty where it cannot (the caller then reads and
     * applies {@link #visible}). The tiles and OGC pages use it so that the database does the policy's work;
     * {@code AccessPolicyScopeTest} holds it to exactly what {@link #visible} accepts.
     */
    public static java.util.Optional<vn.anttmap.model.FeatureQuery> databaseScope(Principal p, String layer) {
        vn.anttmap.model.FeatureQuery all = vn.anttmap.model.FeatureQuery.ALL;
        if (layer.equals("incidents") && p.is(Role.ADMIN)) {
            return java.util.Optional.of(all);
        }
        if (layer.equals("incidents") && p.is(Role.OFFICER) && p.wardId() != null) {
            return java.util.Optional.of(all.withWard(p.wardId()));
        }
        if (layer.equals("incidents") && p.is(Role.LEADER) && p.wards().size() == 1) {
            return java.util.Optional.of(all.withWard(p.wards().iterator().next()));
        }
        if (layer.equals("cameras") && (p.is(Role.ADMIN) || p.is(Role.PLANNER))) {
            return java.util.Optional.of(all);
        }
        if (layer.equals("cameras") && p.isPublic()) {
            return java.util.Optional.of(all.withEqual("owner", "community"));
        }
        return java.util.Optional.empty();
    }

    /** Whether the principal may write records of the layer in the ward. */
    public static boolean canWrite(Principal p, String layer, String wardId) {
        if (p.is(Role.ADMIN)) {
            return true;
        }
        return p.is(Role.OFFICER) && p.wardId() != null && p.wardId().equals(wardId)
                && Set.of("incidents", "cameras", "areas", "teams", "attestations", "social_records",
                "exception_decisions", "organisations").contains(layer);
    }

    /** Whether the principal sees a ward's exact records (incident evidence, coverage geometry): admin, its officer, its leaders. */
    public static boolean seesExact(Principal p, String wardId) {
        return p.seesWard(wardId);
    }

    /**
     * Whether the principal may see the leaders' dashboard of these wards: an admin any; a leader or an officer only
     * wards they see whole (an officer their own ward). The public and planners see no dashboard: its handling figures
     * are officer-level data.
     */
    public static boolean seesDashboard(Principal p, java.util.Collection<String> wardIds) {
        if (p.is(Role.ADMIN)) {
            return true;
        }
        return (p.is(Role.LEADER) || p.is(Role.OFFICER)) && !wardIds.isEmpty() && wardIds.stream().allMatch(p::seesWard);
    }

    /** Whether the principal sees a ward's hotspot grids: admins, planners, and the ward's own officers. */
    public static boolean seesHotspots(Principal p, String wardId) {
        return p.is(Role.PLANNER) || seesExact(p, wardId);
    }

    public static boolean canPlan(Principal p) {
        return p.is(Role.ADMIN) || p.is(Role.PLANNER) || p.is(Role.OFFICER) || p.is(Role.LEADER);
    }

    /**
     * Whether the principal may plan cameras over the named wards ({@code "a,b"}, or {@code "*"} for every ward): a
     * plan weighs the wards' incidents, so as with coverage, admins and planners any, an officer only their own ward.
     */
    public static boolean canPlan(Principal p, String wards) {
        if (p.is(Role.ADMIN) || p.is(Role.PLANNER)) {
            return true;
        }
        if (p.is(Role.LEADER) && wards != null && !wards.trim().equals("*")) {
            List<String> asked = java.util.Arrays.stream(wards.split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList();
            return !asked.isEmpty() && asked.stream().allMatch(p::seesWard);
        }
        return p.is(Role.OFFICER) && p.wardId() != null && wards != null && wards.trim().equals(p.wardId());
    }

    public static boolean seesCoverage(Principal p, String wardId) {
        return p.is(Role.PLANNER) || seesExact(p, wardId);
    }

    private static String wardOf(String layer, String id, Function<String, Object> field) {
        if (layer.equals("wards")) {
            return id;
        }
        if (layer.equals("attestations") && field.apply("ward_id") == null && "ward".equals(field.apply("subject_kind"))) {
            return text(field.apply("subject_id"));
        }
        return text(field.apply("ward_id"));
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }
}
