package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;

import java.nio.file.Path;

/** The timed REQ loop of {@code remote_lat} and {@code inproc_lat}, optionally recording each round trip. */
final class RoundTrips {

    private RoundTrips() {}

    /** Times {@code roundTrips} send+receive pairs of one zeroed message; returns the microseconds taken. */
    static long run(Socket req, Msg msg, long messageSize, int roundTrips, Path file) {
        msg.reset(messageSize);
        msg.data().fill((byte) 0);
        if (file == null) {
            long start = PerfOutput.micros();
            plain(req, msg, roundTrips, messageSize);
            return PerfOutput.micros() - start;
        }
        long[] nanos = new long[Math.max(0, roundTrips)];
        long start = PerfOutput.micros();
        recorded(req, msg, roundTrips, messageSize, nanos);
        long elapsed = PerfOutput.micros() - start;
        PerfOutput.writeRoundTrips(file, nanos, nanos.length);
        return elapsed;
    }

    private static void plain(Socket req, Msg msg, int roundTrips, long messageSize) {
        for (int i = 0; i != roundTrips; i++) {
            req.send(msg);
            PerfTool.checkSize(req.recv(msg), messageSize);
        }
    }

    private static void recorded(Socket req, Msg msg, int roundTrips, long messageSize, long[] nanos) {
        for (int i = 0; i != roundTrips; i++) {
            long sent = System.nanoTime();
            req.send(msg);
            PerfTool.checkSize(req.recv(msg), messageSize);
            nanos[i] = System.nanoTime() - sent;
        }
    }
}
