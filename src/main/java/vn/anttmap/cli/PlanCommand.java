package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.model.Feature;
import vn.anttmap.service.PlanService;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code plan}: propose new camera sites for a ward. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Propose camera sites for a ward (maximal covering of incidents, road length and population "
                + "not yet covered by working cameras), with the covered demand before and after and the gap to an upper bound.")
final class PlanCommand extends DataCommand {
    @Option(names = "--ward", required = true, paramLabel = "ID", description = "The ward's id.")
    String ward;

    @Option(names = "--count", paramLabel = "N", description = "New cameras to place (default: ${DEFAULT-VALUE}).")
    int count = 10;

    @Option(names = "--budget", paramLabel = "VND", description = "Plan by budget instead of count; broken cameras become repair candidates.")
    Double budget;

    @Option(names = "--candidates", paramLabel = "KINDS", description = "crossings, along-roads or both (default).")
    String candidates;

    @Option(names = "--method", paramLabel = "METHOD", description = "auto (default), greedy or exact.")
    String method;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the proposals and their sectors as GeoJSON.")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (App.Services services = services()) {
            long t0 = System.nanoTime();
            PlanService.Result r = services.planner().plan(new PlanService.Request(ward, budget == null ? count : null,
                    budget, null, null, candidates, null, null, null, null, null, null, null, method, null));
            double seconds = (System.nanoTime() - t0) / 1e9;
            var o = out();
            o.printf(Locale.ROOT, "%s: %d proposals by %s%s in %.1f s (%d candidate sites, %d demand points)%n", ward,
                    r.proposals().size(), r.method(), r.optimal() ? " (optimal)" : "", seconds, r.candidateSites(), r.demandPoints());
            o.printf(Locale.ROOT, "covered demand: %.2f before, %.2f after, of %.2f; upper bound %.2f; gap %.1f%%%n",
                    r.coveredBefore(), r.coveredAfter(), r.totalDemand(), r.upperBound(), 100 * r.gap());
            o.printf("%-5s %-7s %-12s %-12s %-8s %s%n", "rank", "kind", "lon", "lat", "bearing", "gain");
            for (PlanService.Proposal p : r.proposals()) {
                o.printf(Locale.ROOT, "%-5d %-7s %-12.7f %-12.7f %-8.1f %.3f%n", p.rank(), p.kind(), p.lon(), p.lat(),
                        p.bearingDeg(), p.gain());
            }
            if (out != null) {
                List<Feature> features = new ArrayList<>();
                for (PlanService.Proposal p : r.proposals()) {
                    Map<String, Object> props = p.properties();
                    features.add(new Feature("proposal-" + p.rank(), p.point(), props));
                    Map<String, Object> sector = new LinkedHashMap<>(props);
                    sector.put("role", "sector");
                    features.add(new Feature("sector-" + p.rank(), p.sector(), sector));
                }
                try (OutputStream os = Files.newOutputStream(out)) {
                    GeoJsonWriter.writeComputed(features, Map.of("method", r.method(), "gap", r.gap()), os);
                }
                o.println("wrote " + out);
            }
        }
        return 0;
    }
}
