package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.WaitStrategy;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Virtual threads against platform threads, in one process: round-trip latency (REQ/REP) and throughput
 * (PUSH/PULL) over inproc and tcp, both ends on threads of the same kind, for zmq-ffm with each
 * {@link WaitStrategy} that applies (platform: INTERRUPTIBLE, the default, and NATIVE, the blocking path as it was
 * before wait strategies existed; virtual: PARK, the default, and NATIVE, which pins its carriers) and for JeroMQ on
 * both kinds of thread. Cases and implementations are interleaved and repeated; medians are printed as a Markdown
 * table, with each row's ratio to zmq-ffm platform NATIVE. Speeds are reported, never asserted.
 *
 * <p>Usage: {@code VirtualThreadBench [--quick] [--repetitions N]} (see {@code scripts/bench-compare --vthreads}).
 */
@SuppressWarnings("deprecation") // JeroMQ's int socket types, as in ZmqApiPerf
public final class VirtualThreadBench {

    private static final int SIZE = 64;

    /** One implementation: a name, a thread factory and how to run each case with it. */
    private record Impl(String name, ThreadFactory threads, WaitStrategy strategy, boolean jeromq) {}

    private VirtualThreadBench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int repetitions = quick ? 1 : 5;
        int at = Arrays.asList(args).indexOf("--repetitions");
        if (at >= 0) {
            repetitions = Integer.parseInt(args[at + 1]);
        }
        int roundTrips = quick ? 2_000 : 20_000;
        int messages = quick ? 20_000 : 500_000;
        List<Impl> impls = List.of(
                new Impl("zmq-ffm platform NATIVE", Thread.ofPlatform().factory(), WaitStrategy.NATIVE, false),
                new Impl("zmq-ffm platform INTERRUPTIBLE", Thread.ofPlatform().factory(), WaitStrategy.INTERRUPTIBLE, false),
                new Impl("zmq-ffm virtual PARK", Thread.ofVirtual().factory(), WaitStrategy.PARK, false),
                new Impl("zmq-ffm virtual NATIVE (pins)", Thread.ofVirtual().factory(), WaitStrategy.NATIVE, false),
                new Impl("JeroMQ platform", Thread.ofPlatform().factory(), null, true),
                new Impl("JeroMQ virtual", Thread.ofVirtual().factory(), null, true));
        List<String> cases = List.of("latency inproc", "latency tcp", "throughput inproc", "throughput tcp");
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        for (String c : cases) {
            Map<String, List<Double>> row = results.computeIfAbsent(c, k -> new LinkedHashMap<>());
            for (int rep = 0; rep < repetitions; rep++) {
                for (int i = 0; i < impls.size(); i++) {
                    Impl impl = impls.get((i + rep) % impls.size());
                    boolean latency = c.startsWith("latency");
                    String endpoint = c.endsWith("inproc") ? "inproc://vt-bench" : "tcp://127.0.0.1:*";
                    double value = latency ? latency(impl, endpoint, roundTrips) : throughput(impl, endpoint, messages);
                    row.computeIfAbsent(impl.name(), k -> new ArrayList<>()).add(value);
                    System.err.printf(Locale.ROOT, "%-18s %-30s %10.2f %s%n", c, impl.name(), value,
                            latency ? "us/round trip" : "msg/s");
                }
            }
        }
        print(results, impls);
    }

    private static void print(Map<String, Map<String, List<Double>>> results, List<Impl> impls) {
        System.out.println("| case | implementation | median | vs zmq-ffm platform NATIVE |");
        System.out.println("|---|---|---:|---:|");
        for (var c : results.entrySet()) {
            double base = median(c.getValue().get(impls.getFirst().name()));
            boolean latency = c.getKey().startsWith("latency");
            for (Impl impl : impls) {
                double m = median(c.getValue().get(impl.name()));
                System.out.printf(Locale.ROOT, "| %s %d B | %s | %s | %.2f |%n", c.getKey(), SIZE, impl.name(),
                        latency ? String.format(Locale.ROOT, "%.2f us", m) : String.format(Locale.ROOT, "%.0f msg/s", m),
                        m / base);
            }
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** One end of a pair, whichever library: the harness below is the same for both. */
    private interface End {
        void send(byte[] buffer);

        void recv(byte[] buffer);

        void close();
    }

    /** A connected pair of ends ({@code server} bound, {@code client} connected) and what closes them. */
    private record Pair(End server, End client, AutoCloseable context) {}

    private static Pair pair(Impl impl, String endpoint, boolean reqRep) {
        if (impl.jeromq()) {
            ZMQ.Context context = ZMQ.context(1);
            ZMQ.Socket server = context.socket(reqRep ? ZMQ.REP : ZMQ.PULL);
            ZMQ.Socket client = context.socket(reqRep ? ZMQ.REQ : ZMQ.PUSH);
            client.connect(bind(server, endpoint));
            return new Pair(jeromq(server), jeromq(client), context::term);
        }
        Context context = new Context();
        context.setWaitStrategy(impl.strategy());
        Socket server = context.socket(reqRep ? SocketType.REP : SocketType.PULL);
        Socket client = context.socket(reqRep ? SocketType.REQ : SocketType.PUSH);
        client.connect(server.bind(endpoint));
        return new Pair(zmqffm(server), zmqffm(client), context);
    }

    private static End jeromq(ZMQ.Socket socket) {
        return new End() {
            public void send(byte[] buffer) {
                socket.send(buffer, 0, SIZE, 0);
            }

            public void recv(byte[] buffer) {
                socket.recv(buffer, 0, SIZE, 0);
            }

            public void close() {
                socket.close();
            }
        };
    }

    private static End zmqffm(Socket socket) {
        return new End() {
            public void send(byte[] buffer) {
                socket.send(buffer, SendFlag.NONE);
            }

            public void recv(byte[] buffer) {
                socket.recv(buffer, RecvFlag.NONE);
            }

            public void close() {
                socket.close();
            }
        };
    }

    /** Microseconds per round trip, REQ and REP each on its own thread of the implementation's kind. */
    private static double latency(Impl impl, String endpoint, int roundTrips) throws Exception {
        Pair pair = pair(impl, endpoint, true);
        try (AutoCloseable context = pair.context()) {
            CompletableFuture<Void> server = run(impl.threads(), () -> {
                byte[] buffer = new byte[SIZE];
                for (int i = 0; i < roundTrips; i++) {
                    pair.server().recv(buffer);
                    pair.server().send(buffer);
                }
                pair.server().close();
            });
            CompletableFuture<Long> client = call(impl.threads(), () -> {
                byte[] buffer = new byte[SIZE];
                long start = System.nanoTime();
                for (int i = 0; i < roundTrips; i++) {
                    pair.client().send(buffer);
                    pair.client().recv(buffer);
                }
                long elapsed = System.nanoTime() - start;
                pair.client().close();
                return elapsed;
            });
            long elapsed = client.get(300, TimeUnit.SECONDS);
            server.get(300, TimeUnit.SECONDS);
            return elapsed / 1000.0 / roundTrips;
        }
    }

    /** Messages per second, PUSH and PULL each on its own thread of the implementation's kind. */
    private static double throughput(Impl impl, String endpoint, int messages) throws Exception {
        Pair pair = pair(impl, endpoint, false);
        try (AutoCloseable context = pair.context()) {
            CompletableFuture<Long> receiver = call(impl.threads(), () -> {
                byte[] buffer = new byte[SIZE];
                pair.server().recv(buffer);
                long start = System.nanoTime();
                for (int i = 1; i < messages; i++) {
                    pair.server().recv(buffer);
                }
                long elapsed = System.nanoTime() - start;
                pair.server().close();
                return elapsed;
            });
            CompletableFuture<Void> sender = run(impl.threads(), () -> {
                byte[] buffer = new byte[SIZE];
                for (int i = 0; i < messages; i++) {
                    pair.client().send(buffer);
                }
                pair.client().close();
            });
            sender.get(300, TimeUnit.SECONDS);
            long elapsed = receiver.get(300, TimeUnit.SECONDS);
            return (messages - 1) / (elapsed / 1e9);
        }
    }

    /** Binds and returns the endpoint to connect to (JeroMQ's bindToRandomPort for tcp). */
    private static String bind(ZMQ.Socket socket, String endpoint) {
        if (endpoint.startsWith("tcp")) {
            return "tcp://127.0.0.1:" + socket.bindToRandomPort("tcp://127.0.0.1");
        }
        socket.bind(endpoint);
        return endpoint;
    }

    private interface Body<T> {
        T run() throws Exception;
    }

    private static CompletableFuture<Void> run(ThreadFactory threads, Runnable body) {
        return call(threads, () -> {
            body.run();
            return null;
        });
    }

    private static <T> CompletableFuture<T> call(ThreadFactory threads, Body<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        threads.newThread(() -> {
            try {
                result.complete(body.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }).start();
        return result;
    }
}
