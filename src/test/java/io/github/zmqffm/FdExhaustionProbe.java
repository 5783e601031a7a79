package io.github.zmqffm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Child-JVM entry point for {@link ResourceExhaustionTest}: exhausts the process's file descriptors and prints,
 * one {@code name=outcome ms} line per call, what {@code new Context()} and {@code socket()} did (ok, or the errno
 * name of the {@link ZmqException}); then gives the descriptors back and checks that everything works again.
 * A watchdog halts the JVM (exit 3) if a call hangs; a libzmq abort kills it (exit 134).
 */
public final class FdExhaustionProbe {

    /** How many descriptors above the highest open one the lowered limit leaves. */
    private static final int HEADROOM = 48;
    /** Free descriptors to try a first socket with: the reaper and the I/O thread need two each, the socket one. */
    private static final int MAX_FREE = 7;

    private static volatile String step = "start";
    /** Steps named on the command line are skipped (to see the later ones on a library that aborts early). */
    private static Set<String> skipped = Set.of();

    private FdExhaustionProbe() {}

    public static void main(String[] args) throws Exception {
        skipped = Set.of(args);
        Thread.ofPlatform().daemon().start(FdExhaustionProbe::watchdog);
        warmUp();
        // No context alive: the first one opens libzmq's random source (tweetnacl: /dev/urandom, retried forever).
        try (FdExhaustion exhaustion = new FdExhaustion(HEADROOM)) {
            for (int free = 0; free <= 2; free++) {
                Object made = withFree(exhaustion, free, "onlyContextWith" + free + "Free", Context::new);
                if (made instanceof Context context) {
                    context.close();
                }
            }
        }
        // A free udp port, found before the baseline: after its first DatagramSocket the JDK keeps a socket open.
        int udpPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0)) {
            udpPort = probe.getLocalPort();
        }
        long baseline = FdExhaustion.openFds();
        java.util.Map<Integer, String> before = FdExhaustion.openFdTargets();
        List<Context> contexts = new ArrayList<>();
        Context unstarted = track(contexts, new Context());
        Context started = track(contexts, new Context());
        Socket first = started.socket(SocketType.PAIR);
        Socket threadSafe = started.socket(SocketType.SERVER);
        Socket dish = started.socket(SocketType.DISH);
        Socket radio = started.socket(SocketType.RADIO);
        // A connect pending on an inproc endpoint nobody binds: zmq_ctx_term binds it, with a new socket of its own.
        Context pending = new Context();
        pending.socket(SocketType.PUSH).connect("inproc://zmq-ffm-exhaustion-pending");
        List<Context> fresh = new ArrayList<>();
        for (int free = 0; free <= MAX_FREE; free++) {
            fresh.add(track(contexts, new Context()));
        }

        try (FdExhaustion exhaustion = new FdExhaustion(HEADROOM)) {
            report("newContext", () -> track(contexts, new Context()));
            report("firstSocket", () -> unstarted.socket(SocketType.PAIR));
            report("socket", () -> started.socket(SocketType.PAIR));
            report("threadSafeSocket", () -> started.socket(SocketType.SERVER));
            report("closeThreadSafe", () -> {
                threadSafe.close();
                return null;
            });
            Thread.sleep(200); // the reaper closes the socket after close() returns: let it run out of descriptors
            exhaustion.refill(); // and take back the descriptors that closing gave back
            // The context's first pending inproc connect makes it a socket to bind it at close: one descriptor.
            report("connectInprocPending", () -> {
                first.connect("inproc://zmq-ffm-exhaustion-pending");
                return first;
            });
            report("closeWithInprocPending", () -> {
                pending.close();
                return null;
            });
            exhaustion.refill(); // the closed context's descriptors
            // Endpoints need descriptors too: a bind fails at once, a connect keeps retrying in the I/O thread.
            report("bindTcp", () -> first.bind("tcp://127.0.0.1:*"));
            report("bindIpc", () -> first.bind("ipc://@zmq-ffm-exhaustion-" + ProcessHandle.current().pid()));
            report("connectTcp", () -> {
                first.connect("tcp://127.0.0.1:1");
                return first;
            });
            // udp opens its datagram socket in the I/O thread, after bind() and connect() have returned.
            report("bindUdp", () -> {
                dish.bind("udp://127.0.0.1:" + udpPort);
                return dish;
            });
            report("connectUdp", () -> {
                radio.connect("udp://127.0.0.1:" + udpPort);
                return radio;
            });
            Thread.sleep(200); // let the I/O thread try (and fail) to open the connections' sockets
            for (int free = 1; free <= MAX_FREE; free++) {
                Context context = fresh.get(free);
                Object made = withFree(exhaustion, free, "firstSocketWith" + free + "Free",
                        () -> context.socket(SocketType.PAIR));
                if (made instanceof Socket socket) {
                    socket.close();
                }
                withFree(exhaustion, free, "newContextWith" + free + "Free", () -> track(contexts, new Context()));
            }
        }
        step = "recovery";
        for (Context context : contexts) {
            exchange(context);
        }
        first.close();
        dish.close();
        radio.close();
        System.out.println("recovered=ok " + contexts.size() + " contexts");
        step = "close";
        for (Context context : contexts) {
            context.close();
        }
        // A failed call that kept a descriptor (an epoll or eventfd nobody owns) shows here, once all is closed.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (FdExhaustion.openFds() > baseline && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("leakedFds=" + (FdExhaustion.openFds() - baseline));
        java.util.Map<Integer, String> after = FdExhaustion.openFdTargets();
        after.keySet().removeAll(before.keySet());
        System.out.println("newFds " + after); // what a leak is, when there is one
        System.out.println("done=ok");
    }

    /** Runs {@code call} with exactly {@code free} descriptors free, then takes them all again. */
    private static Object withFree(FdExhaustion exhaustion, int free, String name, Supplier<Object> call) {
        exhaustion.release(free);
        Object result = report(name, call);
        exhaustion.refill();
        return result;
    }

    /** Runs {@code call} and prints its outcome and duration; returns what it returned, or null. */
    private static Object report(String name, Supplier<Object> call) {
        step = name;
        if (skipped.contains(name)) {
            System.out.println(name + "=skipped");
            return null;
        }
        long start = System.nanoTime();
        String outcome;
        Object result = null;
        try {
            result = call.get();
            outcome = "ok";
        } catch (ZmqException e) {
            // zmq-ffm's own check (FdHeadroom) says so in the message; libzmq's own failure does not.
            outcome = e.error().name() + (e.getMessage().contains("checked before calling libzmq") ? "+guard" : "");
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName() + ":" + e.getMessage();
        }
        System.out.println(name + "=" + outcome + " " + (System.nanoTime() - start) / 1_000_000 + "ms");
        return result;
    }

    /** A PAIR pair over inproc in {@code context}: proves the context works. */
    private static void exchange(Context context) {
        String endpoint = "inproc://recovery-" + System.identityHashCode(context);
        try (Socket a = context.socket(SocketType.PAIR); Socket b = context.socket(SocketType.PAIR)) {
            a.bind(endpoint);
            b.connect(endpoint);
            b.set(SocketOption.RCVTIMEO, 5000);
            a.send("ping");
            if (!"ping".equals(b.recvString())) {
                throw new AssertionError("no message through a recovered context");
            }
        }
    }

    private static Context track(List<Context> contexts, Context context) {
        contexts.add(context);
        return context;
    }

    // Loads every class the exhausted part uses: with no descriptor left the class loader cannot open them.
    private static void warmUp() {
        try (Context context = new Context(); Socket socket = context.socket(SocketType.SERVER)) {
            socket.bind("bogus://nowhere");
        } catch (ZmqException expected) {
            report("warmUp", () -> {
                throw expected;
            });
        }
        try (Context context = new Context()) {
            exchange(context);
        }
    }

    private static void watchdog() {
        try {
            Thread.sleep(40_000);
        } catch (InterruptedException e) {
            return;
        }
        System.out.println("hung=" + step);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }
}
