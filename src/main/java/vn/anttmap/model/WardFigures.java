package vn.anttmap.model;

import java.util.Map;

/**
 * What the store counts per ward for the leaders' dashboard: the incidents of a window by their handling and the
 * cameras, for each ward that has any (a ward without is absent: none), and the incidents of every ward asked for
 * together ({@code incidentTotals}: its percentiles over all of them, not medians of the wards' medians).
 */
public record WardFigures(Map<String, IncidentFigures> incidents, IncidentFigures incidentTotals, Map<String, CameraFigures> cameras) {
    public WardFigures {
        incidents = Map.copyOf(incidents);
        cameras = Map.copyOf(cameras);
    }
}
