package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;

/** {@code remote_thr}: connects a PUSH socket and sends messages as fast as it can. */
@Command(name = "remote_thr", mixinStandardHelpOptions = true,
        description = "Connect PUSH and send <message-count> messages of <message-size> bytes (as libzmq's remote_thr).")
final class RemoteThr extends PerfTool {

    @Mixin
    private Args.Throughput args;

    @Override
    void measure() {
        long messageSize = args.size;
        int messageCount = args.count;
        try (Context context = new Context(); Msg msg = new Msg()) {
            // zmq_ctx_term waits for the socket's queued messages, as in remote_thr.cpp: no time limit.
            context.setTermTimeout(Duration.ofDays(1));
            try (Socket push = context.socket(SocketType.PUSH)) {
                if (args.curve != 0) {
                    curveClient(push);
                }
                push.connect(args.endpoint);
                send(push, msg, messageCount, messageSize);
            }
        }
    }

    /** libzmq's loop: a fresh message of the size (content not written), sent without a copy. */
    static void send(Socket push, Msg msg, int messages, long messageSize) {
        for (int i = 0; i != messages; i++) {
            msg.reset(messageSize);
            push.send(msg);
        }
    }
}
