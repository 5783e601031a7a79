package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code local_lat}: binds a REP socket and echoes every message back; prints nothing, as libzmq's. */
@Command(name = "local_lat", mixinStandardHelpOptions = true,
        description = "Bind REP and echo <roundtrip-count> messages (the peer of remote_lat, as libzmq's local_lat).")
final class LocalLat extends PerfTool {

    @Mixin
    private Args.Networked args;

    @Override
    void measure() throws InterruptedException {
        long messageSize = args.size;
        int roundTrips = args.count;
        try (Context context = new Context(); Socket rep = context.socket(SocketType.REP); Msg msg = new Msg()) {
            Endpoints.bind(rep, args.endpoint);
            echo(rep, msg, roundTrips, messageSize);
            // local_lat.cpp sleeps a second so the last reply leaves before the socket closes.
            Thread.sleep(1000);
        }
    }

    /** Receives into one message and sends that same message back: no copy either way. */
    static void echo(Socket rep, Msg msg, int roundTrips, long messageSize) {
        for (int i = 0; i != roundTrips; i++) {
            checkSize(rep.recv(msg), messageSize);
            rep.send(msg);
        }
    }
}
