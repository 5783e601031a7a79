package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code inproc_lat}: REQ here and a REP echo thread over {@code inproc://lat_test}. */
@Command(name = "inproc_lat", mixinStandardHelpOptions = true,
        description = "Round-trip latency over inproc between two threads of this process (as libzmq's inproc_lat).")
final class InprocLat extends PerfTool {

    @Mixin
    private Args.Inproc args;

    @Mixin
    private Args.RoundTripsFile recording;

    @Override
    void measure() throws InterruptedException {
        long messageSize = args.size;
        int roundTrips = args.count;
        try (Context context = new Context(); Socket req = context.socket(SocketType.REQ); Msg msg = new Msg()) {
            req.bind("inproc://lat_test");
            Thread worker = Thread.ofPlatform().name("inproc_lat worker")
                    .start(() -> Worker.run(() -> echo(context, roundTrips, messageSize)));
            PerfOutput.latencyHeader(out, messageSize, roundTrips);
            long elapsed = RoundTrips.run(req, msg, messageSize, roundTrips, recording.file);
            worker.join();
            PerfOutput.latency(out, roundTrips, elapsed);
        }
    }

    private static void echo(Context context, int roundTrips, long messageSize) {
        try (Socket rep = context.socket(SocketType.REP); Msg msg = new Msg()) {
            rep.connect("inproc://lat_test");
            LocalLat.echo(rep, msg, roundTrips, messageSize);
        }
    }
}
