package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZActorTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** Echoes every message until {@link ZActor#TERM}. */
    private static void echo(Socket pipe) {
        for (String text = pipe.recvString(); !text.equals(ZActor.TERM); text = pipe.recvString()) {
            pipe.send("echo " + text);
        }
    }

    @Test
    void anActorTalksThroughItsPipeAndCloseJoinsIt() throws InterruptedException {
        ZActor actor = ZActor.start(zmq.context(), "echo-actor", ZActorTest::echo);
        assertTrue(actor.isAlive());
        assertEquals("echo-actor", actor.name());
        actor.pipe().send("hello");
        assertEquals("echo hello", actor.pipe().recvString());
        actor.close();
        assertFalse(actor.isAlive(), "close returns once the body has ended");
        assertTrue(actor.await(Duration.ZERO));
        assertTrue(actor.failure().isEmpty());
        assertTrue(actor.pipe().isClosed());
        actor.close(); // idempotent
    }

    @Test
    void aBodyCanSignalThatItIsReady() {
        try (ZActor server = ZActor.start(zmq.context(), pipe -> {
            try (Socket rep = zmq.socket(SocketType.REP); ZLoop loop = new ZLoop()) {
                pipe.send(rep.bind("tcp://127.0.0.1:*")); // ready: here is where to connect
                loop.add(rep, Poller.POLLIN, (socket, events) -> socket.send("re: " + socket.recvString()));
                loop.add(pipe, Poller.POLLIN, (socket, events) -> {
                    if (socket.recvString().equals(ZActor.TERM)) {
                        loop.stop();
                    }
                });
                loop.run();
            }
        }); Socket req = zmq.socket(SocketType.REQ)) {
            req.connect(server.pipe().recvString());
            req.send("ping");
            assertEquals("re: ping", req.recvString());
        }
    }

    @Test
    void closeIsBoundedWhenTheBodyIgnoresTermAndInterrupts() throws InterruptedException {
        AtomicBoolean release = new AtomicBoolean();
        ZActor stubborn = ZActor.start(zmq.context(), "stubborn", pipe -> {
            while (!release.get()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ignored) {
                    // this body deliberately ignores interrupts
                }
            }
        });
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stubborn.close(Duration.ofMillis(200)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 350 && millis < 5000, "close waited " + millis + " ms: the timeout, then again after the interrupt");
        assertTrue(e.getMessage().contains("stubborn did not end"), e.getMessage());
        assertTrue(Arrays.stream(e.getSuppressed()[0].getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("sleep")), "the suppressed stack shows where it is stuck");
        assertTrue(stubborn.pipe().isClosed());
        release.set(true);
        assertTrue(stubborn.await(BOUND));
    }

    @Test
    void anInterruptEndsABodyThatWaitsOutsideLibzmq() throws InterruptedException {
        ZActor sleeper = ZActor.start(zmq.context(), pipe -> Thread.sleep(60_000)); // never reads $TERM
        sleeper.close(Duration.ofMillis(100));
        assertFalse(sleeper.isAlive());
        assertTrue(sleeper.failure().isEmpty(), "the interrupt close sent is not a failure");
    }

    @Test
    void whatTheBodyThrowsIsKeptAsItsFailure() throws InterruptedException {
        ZActor failing = ZActor.start(zmq.context(), pipe -> {
            throw new IllegalArgumentException("bad input");
        });
        assertTrue(failing.await(BOUND));
        assertInstanceOf(IllegalArgumentException.class, failing.failure().orElseThrow());
        failing.close(); // does not throw the body's failure
        assertTrue(failing.pipe().isClosed());
    }

    @Test
    void closingTheContextEndsActorsNormally() throws InterruptedException {
        Context context = new Context();
        ZActor actor = ZActor.start(context, ZActorTest::echo);
        assertTimeoutPreemptively(BOUND, context::close, "the actor closed its socket when woken with ETERM");
        assertTrue(actor.await(BOUND));
        assertTrue(actor.failure().isEmpty(), "ETERM is a normal end");
        actor.close();
    }

    @Test
    void startFailsCleanlyOnAContextThatIsGone() {
        Context context = new Context();
        context.shutdown();
        assertThrows(ContextTerminatedException.class, () -> ZActor.start(context, ZActorTest::echo));
        context.close();
        assertThrows(IllegalStateException.class, () -> ZActor.start(context, ZActorTest::echo));
        assertEquals(0, context.openSockets());
    }
}
