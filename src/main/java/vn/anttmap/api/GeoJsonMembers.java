package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import vn.anttmap.service.CoverageService;
import vn.anttmap.service.PlanService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON bodies that carry geometries as GeoJSON members. */
final class GeoJsonMembers {
    private GeoJsonMembers() {
    }

    static Map<String, Object> coverage(CoverageService.Report r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", r.ward());
        body.put("area", r.area());
        body.put("from", r.from().toString());
        body.put("to", r.to().toString());
        body.put("camerasWorking", r.camerasWorking());
        body.put("camerasTotal", r.camerasTotal());
        body.put("areaM2", r.areaM2());
        body.put("coveredAreaM2", r.coveredAreaM2());
        body.put("areaShare", r.areaShare());
        body.put("roadM", r.roadM());
        body.put("coveredRoadM", r.coveredRoadM());
        body.put("roadShare", r.roadShare());
        body.put("incidents", r.incidents());
        body.put("incidentsCovered", r.incidentsCovered());
        body.put("incidentShare", r.incidentShare());
        body.put("largestGaps", r.largestGaps());
        body.put("coverage", geometry(r.coverage()));
        return body;
    }

    static Map<String, Object> plan(PlanService.Result r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", r.ward());
        body.put("method", r.method());
        body.put("optimal", r.optimal());
        body.put("demandPoints", r.demandPoints());
        body.put("candidateSites", r.candidateSites());
        body.put("options", r.options());
        body.put("totalDemand", r.totalDemand());
        body.put("coveredBefore", r.coveredBefore());
        body.put("coveredAfter", r.coveredAfter());
        body.put("upperBound", r.upperBound());
        body.put("gap", r.gap());
        body.put("spent", r.spent());
        List<Map<String, Object>> features = new ArrayList<>();
        for (PlanService.Proposal p : r.proposals()) {
            Map<String, Object> props = p.properties();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", "proposal-" + p.rank());
            f.put("geometry", Map.of("type", "Point", "coordinates", List.of(p.lon(), p.lat())));
            f.put("properties", props);
            f.put("sector", geometry(p.sector()));
            features.add(f);
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("features", features);
        body.put("proposals", fc);
        return body;
    }

    static JsonNode geometry(Geometry g) {
        GeoJsonWriter w = new GeoJsonWriter(7);
        w.setEncodeCRS(false);
        try {
            return HttpServer.JSON.readTree(w.write(g));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
