package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code remote_lat}: connects a REQ socket, times round trips and prints the one-way latency. */
@Command(name = "remote_lat", mixinStandardHelpOptions = true,
        description = "Connect REQ, time <roundtrip-count> round trips, print round trip / 2 (as libzmq's remote_lat).")
final class RemoteLat extends PerfTool {

    @Mixin
    private Args.Networked args;

    @Mixin
    private Args.RoundTripsFile recording;

    @Override
    void measure() {
        long messageSize = args.size;
        int roundTrips = args.count;
        try (Context context = new Context(); Socket req = context.socket(SocketType.REQ); Msg msg = new Msg()) {
            req.connect(args.endpoint);
            long elapsed = RoundTrips.run(req, msg, messageSize, roundTrips, recording.file);
            PerfOutput.latencyHeader(out, messageSize, roundTrips);
            PerfOutput.latency(out, roundTrips, elapsed);
        }
    }
}
