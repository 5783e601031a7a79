package io.github.zmqffm.patterns;

import io.github.zmqffm.Context;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.ZActor;
import io.github.zmqffm.ZLoop;
import io.github.zmqffm.ZMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zguide's asynchronous client/server (asyncsrv) with actors: DEALER clients send requests without waiting and
 * collect any number of replies; the server's ROUTER frontend forwards to a DEALER backend shared by worker
 * actors, which answer each request with one to three replies. The server starts its workers as actors of its
 * own and closes them when it is closed: every thread ends inside the test.
 */
class AsyncServerTest {

    private static final int CLIENTS = 3;
    private static final int REQUESTS = 5;
    private static final int WORKERS = 4;

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** How many replies a worker sends to request number {@code n}. */
    private static int repliesTo(int n) {
        return n % 3 + 1;
    }

    @Test
    void everyClientGetsEveryReplyAndEveryActorEnds() {
        Context context = zmq.context();
        List<ZActor> clients = new ArrayList<>();
        ZActor server = ZActor.start(context, "asyncsrv-server", pipe -> server(context, pipe));
        try {
            server.pipe().set(SocketOption.RCVTIMEO, 10_000);
            String endpoint = server.pipe().recvString(); // the server is ready
            assertNotNull(endpoint, "the server did not report its endpoint");
            for (int c = 0; c < CLIENTS; c++) {
                String name = "client-" + c;
                clients.add(ZActor.start(context, name, pipe -> client(context, name, endpoint, pipe)));
            }
            int expected = 0;
            for (int n = 0; n < REQUESTS; n++) {
                expected += repliesTo(n);
            }
            for (ZActor client : clients) {
                client.pipe().set(SocketOption.RCVTIMEO, 20_000);
                assertEquals(client.name() + " got " + expected + " replies", client.pipe().recvString());
            }
        } finally {
            clients.forEach(ZActor::close);
            server.close();
        }
        for (ZActor client : clients) {
            assertFalse(client.isAlive());
            assertTrue(client.failure().isEmpty(), () -> client.name() + ": " + client.failure().get());
        }
        assertFalse(server.isAlive());
        assertTrue(server.failure().isEmpty(), () -> "server: " + server.failure().get());
    }

    /** ROUTER frontend, DEALER backend, workers; forwards whole messages both ways until $TERM. */
    private static void server(Context context, Socket pipe) {
        List<ZActor> workers = new ArrayList<>();
        try (Socket frontend = context.socket(SocketType.ROUTER); Socket backend = context.socket(SocketType.DEALER);
             ZMsg msg = new ZMsg(); ZLoop loop = new ZLoop()) {
            frontend.set(SocketOption.LINGER, 0);
            backend.set(SocketOption.LINGER, 0);
            String endpoint = frontend.bind("tcp://127.0.0.1:*");
            String workersEndpoint = backend.bind(TestContext.inproc());
            for (int w = 0; w < WORKERS; w++) {
                workers.add(ZActor.start(context, "asyncsrv-worker-" + w, worker -> worker(context, workersEndpoint, worker)));
            }
            loop.add(frontend, Poller.POLLIN, (socket, events) -> {
                msg.recv(frontend);
                msg.send(backend);
            });
            loop.add(backend, Poller.POLLIN, (socket, events) -> {
                msg.recv(backend);
                msg.send(frontend);
            });
            loop.add(pipe, Poller.POLLIN, (socket, events) -> stopOnTerm(socket, loop));
            pipe.send(endpoint);
            loop.run();
        } finally {
            workers.forEach(ZActor::close); // structured: the server's actors end before it does
        }
    }

    /** Answers each [client id, request n] with repliesTo(n) replies, until $TERM. */
    private static void worker(Context context, String endpoint, Socket pipe) {
        try (Socket dealer = context.socket(SocketType.DEALER); ZMsg msg = new ZMsg(); ZLoop loop = new ZLoop()) {
            dealer.set(SocketOption.LINGER, 0);
            dealer.connect(endpoint);
            loop.add(dealer, Poller.POLLIN, (socket, events) -> {
                msg.recv(dealer);
                String identity = msg.popString();
                String request = msg.popString();
                int n = Integer.parseInt(request.substring(request.lastIndexOf(' ') + 1));
                for (int r = 0; r < repliesTo(n); r++) {
                    msg.addString(identity);
                    msg.addString("reply " + r + " to " + request);
                    msg.send(dealer);
                }
            });
            loop.add(pipe, Poller.POLLIN, (socket, events) -> stopOnTerm(socket, loop));
            loop.run();
        }
    }

    /** Sends REQUESTS requests 20 ms apart, counts the replies, reports on the pipe, then waits for $TERM. */
    private static void client(Context context, String name, String endpoint, Socket pipe) {
        try (Socket dealer = context.socket(SocketType.DEALER); ZLoop loop = new ZLoop()) {
            dealer.set(SocketOption.LINGER, 0);
            dealer.set(SocketOption.ROUTING_ID, name.getBytes(StandardCharsets.UTF_8));
            dealer.connect(endpoint);
            int expected = 0;
            for (int n = 0; n < REQUESTS; n++) {
                expected += repliesTo(n);
            }
            int[] sent = {0};
            int[] received = {0};
            int all = expected;
            loop.timer(Duration.ofMillis(20), REQUESTS, () -> dealer.send(name + " request " + sent[0]++));
            loop.add(dealer, Poller.POLLIN, (socket, events) -> {
                String reply = socket.recvString();
                assertTrue(reply.startsWith("reply ") && reply.contains(" to " + name + " request "), reply);
                if (++received[0] == all) {
                    pipe.send(name + " got " + all + " replies");
                }
            });
            loop.add(pipe, Poller.POLLIN, (socket, events) -> stopOnTerm(socket, loop));
            loop.run();
            assertEquals(all, received[0], name + ": no reply beyond those expected");
        }
    }

    private static void stopOnTerm(Socket pipe, ZLoop loop) {
        if (pipe.recvString().equals(ZActor.TERM)) {
            loop.stop();
        }
    }
}
