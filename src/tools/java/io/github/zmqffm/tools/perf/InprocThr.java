package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code inproc_thr}: a PUSH thread and a PULL receiver in one process over {@code inproc://thr_test}. */
@Command(name = "inproc_thr", mixinStandardHelpOptions = true,
        description = "Throughput over inproc between two threads of this process (as libzmq's inproc_thr).")
final class InprocThr extends PerfTool {

    @Mixin
    private Args.Inproc args;

    @Override
    void measure() throws InterruptedException {
        long messageSize = args.size;
        int messageCount = args.count;
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL); Msg msg = new Msg()) {
            pull.bind("inproc://thr_test");
            Thread worker = Thread.ofPlatform().name("inproc_thr worker")
                    .start(() -> Worker.run(() -> push(context, messageCount, messageSize)));
            PerfOutput.inprocHeader(out, messageSize, messageCount);
            checkSize(pull.recv(msg), messageSize);
            long start = PerfOutput.micros();
            LocalThr.receive(pull, msg, messageCount - 1, messageSize);
            long elapsed = PerfOutput.micros() - start;
            worker.join();
            PerfOutput.inprocThroughput(out, messageSize, messageCount, elapsed);
        }
    }

    private static void push(Context context, int messages, long messageSize) {
        try (Socket push = context.socket(SocketType.PUSH); Msg msg = new Msg()) {
            push.connect("inproc://thr_test");
            RemoteThr.send(push, msg, messages, messageSize);
        }
    }
}
