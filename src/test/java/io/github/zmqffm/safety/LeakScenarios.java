package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.Poller;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketPoller;
import io.github.zmqffm.SocketType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/** Class 10, leaks: failures and closes leave no native resource, thread or fd behind, beyond a fixed bound. */
public final class LeakScenarios {

    private LeakScenarios() {}

    @Scenario
    public static void aFailingNewContextLeaksNothing() throws Exception {
        new Context().close(); // libzmq loaded and warm
        long fds = openFds();
        for (int i = 0; i < 200; i++) {
            expect(IllegalArgumentException.class, () -> new Context(-1));
        }
        check(openFds() == fds, "open fds went from " + fds + " to " + openFds());
    }

    @Scenario
    public static void contextsThatCannotTerminateLeaveABoundedNumberOfThreads() throws Exception {
        for (int i = 0; i < 10; i++) {
            Context context = new Context();
            context.setTermTimeout(Duration.ofMillis(50));
            Socket push = context.socket(SocketType.PUSH);
            push.set(SocketOption.LINGER, -1);
            push.connect("tcp://127.0.0.1:9"); // nothing listens: the message can never leave
            push.send("stuck", io.github.zmqffm.SendFlag.DONTWAIT);
            push.close(); // with linger -1: zmq_ctx_term waits for it forever
            context.close();
        }
        long terminators = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("zmq-ffm-ctx-term")).count();
        check(terminators <= 2, terminators + " terminator threads for 10 stuck contexts");
    }

    @Scenario
    public static void closingAnAddedSocketRemovesItFromItsSocketPoller() throws Exception {
        try (Pipe pipe = Pipe.open("poller-leak");
             SocketPoller poller = new SocketPoller()) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();
            Context context = pipe.context();
            for (int i = 0; i < 100; i++) {
                Socket doomed = context.socket(SocketType.PULL);
                poller.add(doomed, Poller.POLLIN);
                doomed.close();
            }
            poller.add(pull, Poller.POLLIN);
            check(poller.size() == 1, "closed sockets are still added: " + poller.size());
            push.send("x");
            check(poller.poll(Duration.ofSeconds(5)) == 1 && poller.socket(0) == pull, "the poller still works");
            check(pull.recv(RecvFlag.DONTWAIT) != null, "message");
        }
    }

    @Scenario
    public static void aSecondMonitorOnOneSocketIsRefused() throws Exception {
        try (Context context = new Context(); Socket socket = context.socket(SocketType.DEALER)) {
            Monitor first = Monitor.of(socket);
            expect(IllegalStateException.class, () -> Monitor.of(socket));
            first.close();
            try (Monitor second = Monitor.of(socket)) {
                socket.bind("tcp://127.0.0.1:*");
                check(second.next(Duration.ofSeconds(5)) != null, "the new monitor gets events");
            }
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
