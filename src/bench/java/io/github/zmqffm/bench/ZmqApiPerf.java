package io.github.zmqffm.bench;

import io.github.zmqffm.tools.perf.PerfOutput;
import org.zeromq.ZMQ;

import java.nio.file.Path;

/**
 * libzmq's six perf tools written against the {@code org.zeromq.ZMQ} API that JeroMQ and jzmq share: this one
 * source is compiled once against JeroMQ (by Maven's bench profile) and once against Debian's jzmq jar (by
 * scripts/bench-compare), so both bindings run the very same harness. Both use their fast path: a byte[] sent
 * as is and received into a reused caller buffer (no array per message). Same arguments and output lines as
 * libzmq's tools (via zmq-ffm's {@link PerfOutput}); {@code --round-trips-to FILE} after the latency tools'
 * arguments records each round trip, as {@code zmqffm perf} does.
 *
 * <p>Usage: {@code ZmqApiPerf <tool> <tool's arguments> [--round-trips-to FILE]}.
 */
@SuppressWarnings("deprecation") // JeroMQ deprecates the int socket types that jzmq only has
public final class ZmqApiPerf {

    private ZmqApiPerf() {}

    /** Runs one tool; exits 255 on a wrong message size, as libzmq's tools return -1. */
    public static void main(String[] args) throws Exception {
        Path roundTrips = null;
        int end = args.length;
        if (end >= 2 && args[end - 2].equals("--round-trips-to")) {
            roundTrips = Path.of(args[end - 1]);
            end -= 2;
        }
        String tool = args[0];
        int first = tool.startsWith("inproc") ? 1 : 2; // the inproc tools take no endpoint
        int size = PerfOutput.atoi(args[first]);
        int count = PerfOutput.atoi(args[first + 1]);
        switch (tool) {
            case "local_thr" -> localThr(args[1], size, count);
            case "remote_thr" -> remoteThr(args[1], size, count);
            case "local_lat" -> localLat(args[1], size, count);
            case "remote_lat" -> remoteLat(args[1], size, count, roundTrips);
            case "inproc_thr" -> inprocThr(size, count);
            case "inproc_lat" -> inprocLat(size, count, roundTrips);
            default -> throw new IllegalArgumentException("unknown tool " + tool);
        }
    }

    private static void localThr(String bindTo, int size, int count) {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket pull = context.socket(ZMQ.PULL);
        pull.bind(bindTo);
        byte[] buffer = new byte[Math.max(1, size)];
        checkSize(pull.recv(buffer, 0, buffer.length, 0), size);
        long start = PerfOutput.micros();
        receive(pull, buffer, count - 1, size);
        long elapsed = PerfOutput.micros() - start;
        PerfOutput.throughput(System.out, size, count, elapsed);
        pull.close();
        context.term();
    }

    private static void remoteThr(String connectTo, int size, int count) {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket push = context.socket(ZMQ.PUSH);
        push.connect(connectTo);
        send(push, new byte[size], count);
        push.close();
        context.term();
    }

    private static void localLat(String bindTo, int size, int count) throws InterruptedException {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket rep = context.socket(ZMQ.REP);
        rep.bind(bindTo);
        echo(rep, size, count);
        Thread.sleep(1000);
        rep.close();
        context.term();
    }

    private static void remoteLat(String connectTo, int size, int count, Path roundTrips) {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket req = context.socket(ZMQ.REQ);
        req.connect(connectTo);
        long elapsed = timeRoundTrips(req, size, count, roundTrips);
        PerfOutput.latencyHeader(System.out, size, count);
        PerfOutput.latency(System.out, count, elapsed);
        req.close();
        context.term();
    }

    private static void inprocThr(int size, int count) throws InterruptedException {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket pull = context.socket(ZMQ.PULL);
        pull.bind("inproc://thr_test");
        Thread worker = Thread.ofPlatform().start(() -> {
            ZMQ.Socket push = context.socket(ZMQ.PUSH);
            push.connect("inproc://thr_test");
            send(push, new byte[size], count);
            push.close();
        });
        PerfOutput.inprocHeader(System.out, size, count);
        byte[] buffer = new byte[Math.max(1, size)];
        checkSize(pull.recv(buffer, 0, buffer.length, 0), size);
        long start = PerfOutput.micros();
        receive(pull, buffer, count - 1, size);
        long elapsed = PerfOutput.micros() - start;
        worker.join();
        pull.close();
        context.term();
        PerfOutput.inprocThroughput(System.out, size, count, elapsed);
    }

    private static void inprocLat(int size, int count, Path roundTrips) throws InterruptedException {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket req = context.socket(ZMQ.REQ);
        req.bind("inproc://lat_test");
        Thread worker = Thread.ofPlatform().start(() -> {
            ZMQ.Socket rep = context.socket(ZMQ.REP);
            rep.connect("inproc://lat_test");
            echo(rep, size, count);
            rep.close();
        });
        PerfOutput.latencyHeader(System.out, size, count);
        long elapsed = timeRoundTrips(req, size, count, roundTrips);
        worker.join();
        PerfOutput.latency(System.out, count, elapsed);
        req.close();
        context.term();
    }

    private static void receive(ZMQ.Socket pull, byte[] buffer, int messages, int size) {
        for (int i = 0; i != messages; i++) {
            checkSize(pull.recv(buffer, 0, buffer.length, 0), size);
        }
    }

    private static void send(ZMQ.Socket push, byte[] message, int messages) {
        for (int i = 0; i != messages; i++) {
            push.send(message, 0);
        }
    }

    private static void echo(ZMQ.Socket rep, int size, int count) {
        byte[] buffer = new byte[Math.max(1, size)];
        for (int i = 0; i != count; i++) {
            int received = rep.recv(buffer, 0, buffer.length, 0);
            rep.send(buffer, 0, received, 0);
        }
    }

    private static long timeRoundTrips(ZMQ.Socket req, int size, int count, Path file) {
        byte[] message = new byte[size];
        byte[] buffer = new byte[Math.max(1, size)];
        long[] nanos = file == null ? null : new long[count];
        long start = PerfOutput.micros();
        for (int i = 0; i != count; i++) {
            long sent = System.nanoTime();
            req.send(message, 0);
            checkSize(req.recv(buffer, 0, buffer.length, 0), size);
            if (nanos != null) {
                nanos[i] = System.nanoTime() - sent;
            }
        }
        long elapsed = PerfOutput.micros() - start;
        if (file != null) {
            PerfOutput.writeRoundTrips(file, nanos, count);
        }
        return elapsed;
    }

    private static void checkSize(int received, int expected) {
        if (received != expected) {
            System.out.println("message of incorrect size received");
            System.exit(255);
        }
    }
}
