package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code local_thr}: binds a PULL socket and measures throughput from the first message on. */
@Command(name = "local_thr", mixinStandardHelpOptions = true,
        description = "Bind PULL, receive <message-count> messages, print the throughput (as libzmq's local_thr).")
final class LocalThr extends PerfTool {

    @Mixin
    private Args.Throughput args;

    @Override
    void measure() {
        long messageSize = args.size;
        int messageCount = args.count;
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL); Msg msg = new Msg()) {
            if (args.curve != 0) {
                curveServer(pull);
            }
            Endpoints.bind(pull, args.endpoint);
            checkSize(pull.recv(msg), messageSize);
            long start = PerfOutput.micros();
            receive(pull, msg, messageCount - 1, messageSize);
            long elapsed = PerfOutput.micros() - start;
            PerfOutput.throughput(out, messageSize, messageCount, elapsed);
        }
    }

    /** Zero-copy receive into one reused message: libzmq's own loop, one downcall per message. */
    static void receive(Socket pull, Msg msg, int messages, long messageSize) {
        for (int i = 0; i != messages; i++) {
            checkSize(pull.recv(msg), messageSize);
        }
    }
}
