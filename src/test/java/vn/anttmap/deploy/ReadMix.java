package vn.anttmap.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Anonymous readers of the map's read paths (the page, wards, areas, an OGC page, a tile), each client thread going
 * round the paths in turn until {@link #stop()}. A request fails when it answers anything but 200 or 304, or ends in an
 * I/O error (refused, reset, a body cut short). No time-outs: a slow answer is slow, not failed.
 */
public final class ReadMix {
    public static final List<String> PATHS = List.of("/", "/api/v1/wards", "/api/v1/areas?ward=hai-hoa",
            "/ogc/collections/residential_areas/items", "/tiles/residential_areas/14/13006/7289.mvt");
    private static final int SAMPLES = 20;

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Thread> threads = new ArrayList<>();
    private final List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, LongAdder> servedBy = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private long startNs;
    private long stopNs;

    private ReadMix(String base) {
        this.base = base;
    }

    /** Starts {@code clients} threads reading from {@code base} (e.g. {@code http://127.0.0.1:8080}). */
    public static ReadMix start(String base, int clients) {
        ReadMix m = new ReadMix(base);
        m.startNs = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int first = c;
            Thread t = new Thread(() -> m.loop(first), "read-mix-" + c);
            t.setDaemon(true);
            m.threads.add(t);
            t.start();
        }
        return m;
    }

    private void loop(int first) {
        long[] mine = new long[1 << 14];
        int n = 0;
        int i = first;
        while (running) {
            String path = PATHS.get(i++ % PATHS.size());
            long t0 = System.nanoTime();
            String failure = null;
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                String upstream = r.headers().firstValue(Nginx.UPSTREAM_HEADER).orElse(null);
                if (upstream != null) {
                    String last = upstream.substring(upstream.lastIndexOf(',') + 1).trim();
                    int colon = last.lastIndexOf(':');
                    if (colon > 0) {
                        try {
                            servedBy.computeIfAbsent(Integer.parseInt(last.substring(colon + 1)), k -> new LongAdder()).increment();
                        } catch (NumberFormatException notAPort) {
                            // "127.0.0.1:7071" always ends in a port; anything else is not counted
                        }
                    }
                }
                if (r.statusCode() != 200 && r.statusCode() != 304) {
                    failure = "GET " + path + " -> " + r.statusCode() + (upstream == null ? "" : " from " + upstream);
                }
            } catch (IOException e) {
                failure = "GET " + path + " -> " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long dt = System.nanoTime() - t0;
            if (n == mine.length) {
                mine = Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = dt;
            completed.incrementAndGet();
            if (failure != null) {
                failures.incrementAndGet();
                synchronized (failureSamples) {
                    if (failureSamples.size() < SAMPLES) {
                        failureSamples.add(failure);
                    }
                }
            }
        }
        latencies.add(Arrays.copyOf(mine, n));
    }

    /** Stops the clients after their current request and waits for them; again, it does nothing. */
    public synchronized ReadMix stop() throws InterruptedException {
        if (!running) {
            return this;
        }
        running = false;
        for (Thread t : threads) {
            t.join();
        }
        stopNs = System.nanoTime();
        return this;
    }

    public long completed() {
        return completed.get();
    }

    public long failures() {
        return failures.get();
    }

    /** The first few failures, each as {@code GET path -> status from node} or the I/O error. */
    public List<String> failureSamples() {
        synchronized (failureSamples) {
            return List.copyOf(failureSamples);
        }
    }

    /** Answers nginx took from the node on {@code port} (by its {@value Nginx#UPSTREAM_HEADER} header). */
    public long servedBy(int port) {
        LongAdder a = servedBy.get(port);
        return a == null ? 0 : a.sum();
    }

    /** After {@link #stop()}: from the start to the stop. */
    public double seconds() {
        return (stopNs - startNs) / 1e9;
    }

    /** After {@link #stop()}: every request's time, sorted, in nanoseconds. */
    public long[] sortedLatencies() {
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** The {@code q} quantile of sorted nanoseconds, in milliseconds. */
    public static double quantileMs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))] / 1e6;
    }
}
