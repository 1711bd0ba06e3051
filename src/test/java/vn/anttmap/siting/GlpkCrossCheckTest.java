package vn.anttmap.siting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.RequiredTool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The exact answer checked by an independent solver: GLPK (Debian glpk-utils) on the same model in CPLEX LP form. */
class GlpkCrossCheckTest {
    static final Pattern OBJECTIVE = Pattern.compile("Objective:\\s+obj = +([0-9.eE+-]+)");

    @Test
    void glpkFindsTheSameOptimumAsCpSat(@TempDir Path dir) throws Exception {
        Path glpsol = RequiredTool.require("glpsol", "glpk-utils");
        SitingTest.requireOrTools();
        Random rnd = new Random(42);
        for (int t = 0; t < 3; t++) {
            SitingInstance in = t == 0 ? SitingTest.trap() : SitingTest.random(rnd, 40, 16, 8);
            int k = t == 0 ? 2 : 3;
            Path lp = dir.resolve("mclp" + t + ".lp");
            Files.writeString(lp, cplexLp(in, k), StandardCharsets.US_ASCII);
            Path solution = dir.resolve("mclp" + t + ".sol");
            Process p = new ProcessBuilder(glpsol.toString(), "--lp", lp.toString(), "-o", solution.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(log).contains("INTEGER OPTIMAL SOLUTION FOUND");
            String out = Files.readString(solution, StandardCharsets.UTF_8);
            Matcher m = OBJECTIVE.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            double glpk = Double.parseDouble(m.group(1));
            Selection exact = ExactSolver.byCount(in, k, 10);
            assertThat(exact.value()).as("instance %d", t).isCloseTo(glpk, within(1e-6));
        }
    }

    /** max Σ w_d y_d; y_d ≤ Σ x_o over options covering d; ≤ 1 option per site; Σ x_o ≤ k; binaries. */
    static String cplexLp(SitingInstance in, int k) {
        StringBuilder sb = new StringBuilder("Maximize\n obj:");
        for (int d = 0; d < in.weights().length; d++) {
            sb.append(String.format(Locale.ROOT, " + %s y%d", in.weights()[d], d));
        }
        sb.append("\nSubject To\n");
        for (int d = 0; d < in.weights().length; d++) {
            sb.append(" c").append(d).append(": y").append(d);
            boolean any = false;
            for (int o = 0; o < in.options().size(); o++) {
                for (int c : in.options().get(o).covered()) {
                    if (c == d) {
                        sb.append(" - x").append(o);
                        any = true;
                    }
                }
            }
            sb.append(any ? "" : " - 0 x0").append(" <= 0\n");
        }
        for (int s = 0; s < in.sites(); s++) {
            StringBuilder row = new StringBuilder();
            for (int o = 0; o < in.options().size(); o++) {
                if (in.options().get(o).site() == s) {
                    row.append(" + x").append(o);
                }
            }
            if (row.length() > 0) {
                sb.append(" site").append(s).append(":").append(row).append(" <= 1\n");
            }
        }
        sb.append(" count:");
        for (int o = 0; o < in.options().size(); o++) {
            sb.append(" + x").append(o);
        }
        sb.append(" <= ").append(k).append("\nBinary\n");
        for (int o = 0; o < in.options().size(); o++) {
            sb.append(" x").append(o).append('\n');
        }
        for (int d = 0; d < in.weights().length; d++) {
            sb.append(" y").append(d).append('\n');
        }
        return sb.append("End\n").toString();
    }
}
