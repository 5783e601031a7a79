package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayDeque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A load-balancing broker's inner loop (zguide's lbbroker: poll, receive a multipart, rewrite the envelope, send)
 * allocates nothing per message when it reuses one {@link ZMsg}: measured with the thread's allocation counter
 * ({@link AllocationMeter}, a count, not a timing). Client, broker and worker run in the test's thread, so the
 * count covers all three; each round trip is one request through the broker and its reply back.
 */
class BrokerAllocationTest {

    private static final int ROUND_TRIPS = 20_000;
    private static final Duration NOW = Duration.ZERO;

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** The broker's state: its sockets, its one reused message, the ready workers' addresses and a poller. */
    private static final class Broker implements AutoCloseable {
        final Socket frontend;
        final Socket backend;
        final ZMsg msg = new ZMsg();
        final ArrayDeque<Msg> workers = new ArrayDeque<>();
        final Poller poller = new Poller();
        final int frontendIndex;
        final int backendIndex;

        Broker(Socket frontend, Socket backend) {
            this.frontend = frontend;
            this.backend = backend;
            frontendIndex = poller.register(frontend, Poller.POLLIN);
            backendIndex = poller.register(backend, Poller.POLLIN);
        }

        /** One pass of the loop: serve whatever is ready. */
        void step() {
            if (poller.poll(NOW) == 0) {
                throw new AssertionError("nothing to broker");
            }
            if (poller.isReadable(backendIndex)) {
                msg.recv(backend);                // [worker, "", client, "", reply] or [worker, "", READY]
                workers.addLast(msg.unwrap());
                if (msg.size() == 1) {
                    msg.clear();                  // READY
                } else {
                    msg.send(frontend);           // [client, "", reply]
                }
            }
            if (poller.isReadable(frontendIndex) && !workers.isEmpty()) {
                msg.recv(frontend);               // [client, "", request]
                msg.wrap(workers.pollFirst());    // [worker, "", client, "", request]
                msg.send(backend);
            }
        }

        @Override
        public void close() {
            workers.forEach(Msg::close);
            msg.close();
            poller.close();
        }
    }

    @Test
    void theBrokerLoopAllocatesNothingPerMessage() {
        try (Socket frontend = zmq.socket(SocketType.ROUTER); Socket backend = zmq.socket(SocketType.ROUTER);
             Socket client = zmq.socket(SocketType.REQ); Socket worker = zmq.socket(SocketType.REQ);
             Broker broker = new Broker(frontend, backend); ZMsg work = new ZMsg()) {
            client.connect(frontend.bind(TestContext.inproc()));
            worker.connect(backend.bind(TestContext.inproc()));
            worker.send("READY");
            broker.step();
            byte[] request = new byte[64];
            byte[] reply = new byte[64];
            Runnable loop = () -> {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    request[0] = (byte) i;
                    client.send(request);
                    broker.step();                 // request to the worker
                    work.recv(worker);             // [client, "", request]
                    work.send(worker);             // the worker echoes it, envelope and all
                    broker.step();                 // reply to the client
                    if (client.recv(reply) != 64 || reply[0] != (byte) i) {
                        throw new AssertionError("round trip " + i);
                    }
                }
            };
            double perRoundTrip = AllocationMeter.bytesPerOperation(loop, ROUND_TRIPS);
            System.out.printf("allocation: lbbroker loop with a reused ZMsg %.3f B per round trip%n", perRoundTrip);
            assertTrue(perRoundTrip < 1.0, "the broker loop allocated " + perRoundTrip + " B per round trip");
            assertEquals(1, broker.workers.size(), "the worker is ready again");
        }
    }
}
