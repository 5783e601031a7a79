package io.github.zmqffm.faults;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.libzmq.Zmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that send garbage or a wrong ZMTP greeting to a ROUTER served from this JVM, over loopback: libzmq drops
 * each bad connection (within its HANDSHAKE_IVL for one that stalls) while a well-behaved DEALER keeps getting its
 * answers, before, during and after. The server thread never sees an exception, and its
 * context closes as usual.
 */
class GarbagePeerTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private final AtomicBoolean stop = new AtomicBoolean();
    private CompletableFuture<String> endpoint;
    private CompletableFuture<Long> served;

    /** The bad peers. */
    enum Garbage {
        /** 4 KiB of random bytes. */
        RANDOM_BYTES,
        /** A signature without the 0x7F marker, then junk. */
        BAD_SIGNATURE,
        /** A ZMTP 3.0 greeting naming a mechanism that does not exist. */
        UNKNOWN_MECHANISM,
        /** A ZMTP 3.0 greeting for PLAIN to a NULL server. */
        WRONG_MECHANISM,
        /** A good greeting, then a READY claiming a PUB (a ROUTER cannot talk to one). */
        INCOMPATIBLE_SOCKET_TYPE,
        /** A good greeting, then a message frame instead of READY. */
        MESSAGE_BEFORE_READY,
        /** A good handshake, then a frame announcing 1 TiB (the server's MAXMSGSIZE is 1 MiB). */
        OVERSIZED_FRAME,
        /** Half a greeting, then nothing (the server's HANDSHAKE_IVL is 1 s). */
        HALF_GREETING,
        /** Connects and says nothing. */
        SILENT
    }

    @BeforeEach
    void startServer() {
        endpoint = new CompletableFuture<>();
        served = CompletableFuture.supplyAsync(this::serve, task -> Thread.ofPlatform().name("echo-router").start(task));
    }

    @AfterEach
    void stopServer() throws Exception {
        stop.set(true);
        assertTrue(served.get(10, TimeUnit.SECONDS) > 0, "the server answered");
    }

    /** An echo ROUTER; returns how many messages it answered. Exceptions fail the test through the future. */
    private long serve() {
        long answered = 0;
        try (Socket router = zmq.socket(SocketType.ROUTER)) {
            router.set(SocketOption.RCVTIMEO, 50);
            router.set(SocketOption.MAXMSGSIZE, 1L << 20);
            router.set(SocketOption.HANDSHAKE_IVL, 1000);
            endpoint.complete(router.bind("tcp://127.0.0.1:*"));
            while (!stop.get()) {
                Frames request = router.recvMultipart();
                if (request != null) {
                    router.sendMultipart(request);
                    answered++;
                }
            }
        } catch (ContextTerminatedException e) {
            // the test ended first
        }
        return answered;
    }

    @ParameterizedTest
    @EnumSource(Garbage.class)
    void theServerKeepsServingOthers(Garbage garbage) throws Exception {
        String server = endpoint.get(10, TimeUnit.SECONDS);
        try (Socket good = zmq.socket(SocketType.DEALER)) {
            good.connect(server);
            roundTrip(good, "before");
            try (Zmtp bad = Zmtp.connect(server)) {
                send(bad, garbage);
                roundTrip(good, "during");
                assertTrue(bad.closedByPeerWithin(10_000), garbage + ": the server drops the connection");
            }
            roundTrip(good, "after");
        }
    }

    private static void roundTrip(Socket good, String text) {
        assertTrue(good.send(text));
        assertEquals(text, good.recvString(), "the good client is answered " + text + " the bad peer");
    }

    private static void send(Zmtp bad, Garbage garbage) throws IOException {
        switch (garbage) {
            case RANDOM_BYTES -> {
                byte[] noise = new byte[4096];
                new Random(42).nextBytes(noise);
                noise[0] = (byte) 0xFF; // a ZMTP 3 signature start, so that what follows is a broken greeting
                bad.write(noise);
            }
            case BAD_SIGNATURE -> {
                byte[] signature = Arrays.copyOf(Zmtp.greeting(3, 0, "NULL"), 10);
                signature[9] = 0x00;
                bad.write(signature);
                bad.write("not zmtp at all".getBytes());
            }
            case UNKNOWN_MECHANISM -> bad.write(Zmtp.greeting(3, 0, "NOSUCHMECH"));
            case WRONG_MECHANISM -> bad.write(Zmtp.greeting(3, 0, "PLAIN"));
            case INCOMPATIBLE_SOCKET_TYPE -> {
                bad.write(Zmtp.greeting(3, 0, "NULL"));
                bad.write(Zmtp.ready("PUB"));
            }
            case MESSAGE_BEFORE_READY -> {
                bad.write(Zmtp.greeting(3, 0, "NULL"));
                bad.write(Zmtp.message("hello".getBytes()));
            }
            case OVERSIZED_FRAME -> {
                bad.handshake("DEALER");
                byte[] header = new byte[9];
                header[0] = 0x02; // long message frame
                header[3] = 0x01; // 2^40 bytes
                bad.write(header);
            }
            case HALF_GREETING -> bad.write(Arrays.copyOf(Zmtp.greeting(3, 0, "NULL"), 32));
            case SILENT -> { }
            default -> throw new IllegalArgumentException(garbage.toString());
        }
    }
}
