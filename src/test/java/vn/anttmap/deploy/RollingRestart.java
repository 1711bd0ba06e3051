package vn.anttmap.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rolling restart of docs/deploy.md, one node at a time while readers go through nginx: SIGTERM, wait for the
 * process to exit, start it again on the same port, wait for {@code /readyz} 200, then wait until
 * nginx sends it requests again (it leaves a failed node out for {@code fail_timeout}), and only then the next node.
 */
public final class RollingRestart {
    /** Not a performance bound: only what stops a test that would otherwise wait for ever. */
    static final long HANG_GUARD_NS = 300_000_000_000L;

    /**
     * One node's restart.
     *
     * @param exitCode          the stopped process's exit status (0 after a graceful shutdown)
     * @param requestsWhileDown requests the readers completed from the SIGTERM until the node was ready again
     * @param downMillis        from the SIGTERM until ready
     * @param rejoinMillis      from ready until nginx took an answer from it
     */
    public record Step(int port, int exitCode, long requestsWhileDown, long downMillis, long rejoinMillis) {
    }

    private RollingRestart() {
    }

    public static List<Step> run(List<Node> nodes, ReadMix readers) throws IOException, InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (Node node : nodes) {
            long before = readers.completed();
            long t0 = System.nanoTime();
            int exit = node.stop();
            node.start().awaitReady();
            long ready = System.nanoTime();
            long whileDown = readers.completed() - before;
            long served = readers.servedBy(node.port());
            while (readers.servedBy(node.port()) == served) {
                if (System.nanoTime() - ready > HANG_GUARD_NS) {
                    throw new IllegalStateException("nginx sent no request to the node on port " + node.port()
                            + " in the 300 s after it was ready again");
                }
                Thread.sleep(20);
            }
            steps.add(new Step(node.port(), exit, whileDown, (ready - t0) / 1_000_000, (System.nanoTime() - ready) / 1_000_000));
        }
        return steps;
    }
}
