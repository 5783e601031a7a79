package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZLoopTest {

    private static final Duration SAFETY = Duration.ofSeconds(10);

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** Runs the loop with a safety timer that fails the test instead of letting it hang. */
    private static void runBounded(ZLoop loop) {
        AtomicInteger expired = new AtomicInteger();
        ZLoop.Timer safety = loop.once(SAFETY, () -> {
            expired.incrementAndGet();
            loop.stop();
        });
        loop.run();
        safety.cancel();
        assertEquals(0, expired.get(), "the loop ran until the safety timer");
    }

    @Test
    void aReadableSocketCallsItsHandler() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             ZLoop loop = new ZLoop()) {
            push.connect(pull.bind(TestContext.inproc()));
            List<String> received = new ArrayList<>();
            loop.add(pull, Poller.POLLIN, (socket, events) -> {
                assertEquals(Poller.POLLIN, events);
                received.add(socket.recvString(RecvFlag.DONTWAIT));
                if (received.size() == 3) {
                    loop.stop();
                }
            });
            for (String text : new String[] {"a", "b", "c"}) {
                push.send(text);
            }
            runBounded(loop);
            assertEquals(List.of("a", "b", "c"), received);
            assertThrows(IllegalArgumentException.class, () -> loop.add(pull, Poller.POLLIN, (s, e) -> { }));
            assertTrue(loop.remove(pull));
            assertFalse(loop.remove(pull));
        }
    }

    @Test
    void aReadableFileDescriptorCallsItsHandler() {
        try (OsPipe pipe = new OsPipe(); ZLoop loop = new ZLoop()) {
            AtomicInteger calls = new AtomicInteger();
            loop.add(pipe.readFd, Poller.POLLIN, (fd, events) -> {
                assertEquals(pipe.readFd, fd);
                assertTrue((events & Poller.POLLIN) != 0);
                calls.incrementAndGet();
                loop.remove(fd);
                loop.stop();
            });
            loop.once(Duration.ofMillis(20), pipe::writeByte);
            runBounded(loop);
            assertEquals(1, calls.get());
        }
    }

    @Test
    void dueTimersFireInTheOrderOfTheirDeadlines() {
        try (ZLoop loop = new ZLoop()) {
            List<String> fired = new ArrayList<>();
            loop.once(Duration.ofMillis(300), () -> fired.add("300"));
            loop.once(Duration.ofMillis(100), () -> fired.add("100"));
            loop.once(Duration.ofMillis(200), () -> fired.add("200"));
            ZLoop.Timer cancelled = loop.once(Duration.ofMillis(150), () -> fired.add("cancelled"));
            cancelled.cancel();
            assertFalse(cancelled.isActive());
            // The first timer holds the loop up, so all the others are overdue at once: order is by deadline.
            loop.once(Duration.ZERO, () -> sleep(500));
            loop.once(Duration.ofMillis(400), loop::stop);
            runBounded(loop);
            assertEquals(List.of("100", "200", "300"), fired);
        }
    }

    @Test
    void aTimerFiresTheNumberOfTimesAskedAndARepeatingOneUntilCancelled() {
        try (ZLoop loop = new ZLoop()) {
            AtomicInteger thrice = new AtomicInteger();
            ZLoop.Timer[] timer = new ZLoop.Timer[1];
            timer[0] = loop.timer(Duration.ofMillis(5), 3, () -> {
                if (thrice.incrementAndGet() == 3) {
                    assertFalse(timer[0].isActive(), "done after its last firing");
                    loop.stop();
                }
            });
            runBounded(loop);
            AtomicInteger ticks = new AtomicInteger();
            ZLoop.Timer[] every = new ZLoop.Timer[1];
            every[0] = loop.every(Duration.ofMillis(5), () -> {
                if (ticks.incrementAndGet() == 4) {
                    every[0].cancel();
                    loop.once(Duration.ofMillis(30), loop::stop);
                }
            });
            runBounded(loop);
            assertEquals(3, thrice.get(), "no firing after the third");
            assertEquals(4, ticks.get(), "no firing after cancel");
        }
    }

    @Test
    void resetPushesATimeoutBack() {
        try (ZLoop loop = new ZLoop()) {
            List<String> fired = new ArrayList<>();
            ZLoop.Timer timeout = loop.once(Duration.ofMillis(100), () -> {
                fired.add("timeout");
                loop.stop();
            });
            loop.once(Duration.ofMillis(60), () -> {
                fired.add("traffic");
                timeout.reset(); // now due 100 ms from here; without the reset it would beat the check
                loop.once(Duration.ofMillis(50), () -> fired.add("check"));
            });
            runBounded(loop);
            assertEquals(List.of("traffic", "check", "timeout"), fired);
            assertThrows(IllegalArgumentException.class, () -> loop.every(Duration.ZERO, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> loop.once(Duration.ofMillis(-1), () -> { }));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anIdleLoopSleepsInsteadOfSpinning() {
        try (ZLoop loop = new ZLoop()) {
            loop.once(Duration.ofMillis(300), loop::stop);
            runBounded(loop);
            // One wait until the timer (plus one if it woke a hair early): a busy loop would make thousands.
            assertTrue(loop.waits() <= 3, loop.waits() + " waits for one timer");
        }
    }

    @Test
    void stopFromAnotherThreadWakesALoopWithNothingToDo() throws Exception {
        try (ZLoop loop = new ZLoop()) {
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                sleep(100);
                loop.stop();
            });
            // No timer and nothing registered: only the stop's wake-up can end this wait.
            assertTimeoutPreemptively(SAFETY, loop::run);
            stopper.get(5, TimeUnit.SECONDS);
            assertFalse(loop.isRunning());
            assertEquals(1, loop.waits());
        }
    }

    @Test
    void aStopBeforeRunMakesTheNextRunReturnAtOnce() {
        try (ZLoop loop = new ZLoop()) {
            loop.stop();
            loop.run();
            assertEquals(0, loop.waits());
            AtomicInteger fired = new AtomicInteger();
            loop.once(Duration.ofMillis(10), () -> {
                fired.incrementAndGet();
                loop.stop();
            });
            runBounded(loop);
            assertEquals(1, fired.get(), "the earlier stop does not end later runs");
        }
    }

    @Test
    void anInterruptSeenBetweenWaitsEndsTheLoopAndStaysSet() {
        try (ZLoop loop = new ZLoop()) {
            AtomicInteger after = new AtomicInteger();
            loop.once(Duration.ofMillis(10), () -> Thread.currentThread().interrupt());
            loop.once(Duration.ofMillis(200), after::incrementAndGet);
            runBounded(loop);
            assertTrue(Thread.interrupted(), "the interrupt status is kept (and cleared here)");
            assertEquals(0, after.get());
            Thread.currentThread().interrupt();
            loop.run(); // already interrupted: returns before waiting
            assertTrue(Thread.interrupted());
        }
    }

    @Test
    void aTerminatedContextEndsTheLoopWithContextTerminated() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); ZLoop loop = new ZLoop()) {
            pull.bind(TestContext.inproc());
            loop.add(pull, Poller.POLLIN, (socket, events) -> { });
            CompletableFuture.runAsync(() -> {
                sleep(100);
                zmq.context().shutdown();
            });
            assertThrows(ContextTerminatedException.class, () -> runBounded(loop));
            assertFalse(loop.isRunning());
        }
    }

    @Test
    void handlersMayRemoveCloseAndAddWhileDispatching() {
        try (Socket first = zmq.socket(SocketType.PULL); Socket second = zmq.socket(SocketType.PULL);
             Socket push1 = zmq.socket(SocketType.PUSH); Socket push2 = zmq.socket(SocketType.PUSH);
             Socket late = zmq.socket(SocketType.PULL); Socket push3 = zmq.socket(SocketType.PUSH);
             ZLoop loop = new ZLoop()) {
            push1.connect(first.bind(TestContext.inproc()));
            push2.connect(second.bind(TestContext.inproc()));
            push3.connect(late.bind(TestContext.inproc()));
            List<String> calls = new ArrayList<>();
            loop.add(first, Poller.POLLIN, (socket, events) -> {
                calls.add("first");
                socket.recv();
                loop.remove(second);  // also ready: its handler must not run
                socket.close();       // closed without remove: dropped before the next wait
                loop.add(late, Poller.POLLIN, (s, e) -> {
                    calls.add("late " + s.recvString());
                    loop.stop();
                });
            });
            loop.add(second, Poller.POLLIN, (socket, events) -> calls.add("second"));
            push1.send("x");
            push2.send("y");
            push3.send("z");
            runBounded(loop);
            assertEquals(List.of("first", "late z"), calls);
        }
    }

    @Test
    void aHandlerExceptionEndsRunAndTheLoopCanRunAgain() {
        try (ZLoop loop = new ZLoop()) {
            loop.once(Duration.ofMillis(5), () -> {
                throw new IllegalStateException("boom");
            });
            assertEquals("boom", assertThrows(IllegalStateException.class, loop::run).getMessage());
            assertFalse(loop.isRunning());
            loop.once(Duration.ofMillis(5), () -> {
                assertThrows(IllegalStateException.class, loop::run, "already running");
                assertThrows(IllegalStateException.class, loop::close, "running");
                loop.stop();
            });
            runBounded(loop);
        }
        ZLoop closed = new ZLoop();
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, closed::run);
        closed.stop(); // harmless after close
    }
}
