package vn.anttmap.bench;

import vn.anttmap.siting.CoverageModel;
import vn.anttmap.siting.LazyGreedy;
import vn.anttmap.siting.PlainGreedy;
import vn.anttmap.siting.Selection;
import vn.anttmap.siting.SitingInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A province-sized camera-siting instance: 10,000 candidate sites (two bearings each) along a 40 km × 40 km road grid
 * and 200,000 demand points, most of them near the roads. Prints the time of each step, the covered demand, the
 * upper bound and the gap, and the lazy greedy against the plain greedy a user would otherwise write, as a ratio.
 * A program, not a test: {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=vn.anttmap.bench.PlannerBenchmark} (arguments: sites, demand points, cameras to place).
 */
public final class PlannerBenchmark {
    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int demand = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        double sizeM = 40_000;
        double roadSpacingM = 500;
        Random rnd = new Random(20231031);

        long t0 = System.nanoTime();
        double[][] xy = new double[demand][];
        double[] w = new double[demand];
        for (int i = 0; i < demand; i++) {
            if (rnd.nextDouble() < 0.7) {
                double along = rnd.nextDouble() * sizeM;
                double road = Math.floor(rnd.nextDouble() * sizeM / roadSpacingM) * roadSpacingM;
                double off = rnd.nextGaussian() * 15;
                xy[i] = rnd.nextBoolean() ? new double[]{along, road + off} : new double[]{road + off, along};
            } else {
                xy[i] = new double[]{rnd.nextDouble() * sizeM, rnd.nextDouble() * sizeM};
            }
            w[i] = 1 + rnd.nextInt(5);
        }
        CoverageModel model = new CoverageModel(xy, List.of());
        long tIndex = System.nanoTime();

        List<SitingInstance.Option> options = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            double along = rnd.nextDouble() * sizeM;
            double road = Math.floor(rnd.nextDouble() * sizeM / roadSpacingM) * roadSpacingM;
            boolean eastWest = rnd.nextBoolean();
            double x = eastWest ? along : road;
            double y = eastWest ? road : along;
            double bearing = eastWest ? 90 : 0;
            for (double b : new double[]{bearing, bearing + 180}) {
                options.add(new SitingInstance.Option(s, "site-" + s, b % 360, model.covered(x, y, b % 360, 90, 80), 1));
            }
        }
        SitingInstance instance = new SitingInstance(w, options, sites);
        long tOptions = System.nanoTime();

        Selection lazy = LazyGreedy.byCount(instance, k);
        long tLazy = System.nanoTime();
        Selection plain = PlainGreedy.byCount(instance, k);
        long tPlain = System.nanoTime();

        double total = 0;
        for (double x : w) {
            total += x;
        }
        System.out.printf(Locale.ROOT, "instance: %,d candidate sites (%,d options), %,d demand points (weight %,.0f), k = %d%n",
                sites, options.size(), demand, total, k);
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "step", "seconds");
        System.out.printf(Locale.ROOT, "%-34s %10.2f%n", "demand points and spatial index", (tIndex - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%-34s %10.2f%n", "coverage sets (sector tests)", (tOptions - tIndex) / 1e9);
        System.out.printf(Locale.ROOT, "%-34s %10.2f%n", "lazy greedy", (tLazy - tOptions) / 1e9);
        System.out.printf(Locale.ROOT, "%-34s %10.2f%n", "plain greedy (the alternative)", (tPlain - tLazy) / 1e9);
        System.out.printf(Locale.ROOT, "plain / lazy time ratio: %.1f×; same covered demand: %s%n",
                (double) (tPlain - tLazy) / (tLazy - tOptions), lazy.value() == plain.value());
        System.out.printf(Locale.ROOT, "covered demand %,.0f of %,.0f; upper bound %,.0f; gap %.2f%%%n",
                lazy.value(), total, lazy.upperBound(), 100 * lazy.gap());
    }
}
