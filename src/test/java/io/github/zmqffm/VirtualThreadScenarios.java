package io.github.zmqffm;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The virtual-thread scenarios of {@link VirtualThreadSchedulerTest}, run in a child JVM whose scheduler the test
 * limits ({@code -Djdk.virtualThreadScheduler.parallelism}). Each prints one {@code key=value} line per result and
 * records {@code jdk.VirtualThreadPinned} events (threshold 0) with JFR meanwhile, counting those with a zmq-ffm frame.
 *
 * <p>Usage: {@code VirtualThreadScenarios pull-push [STRATEGY] | many-sockets COUNT}.
 */
public final class VirtualThreadScenarios {

    private static final long BOUND_SECONDS = 60;

    private VirtualThreadScenarios() {}

    public static void main(String[] args) throws Exception {
        Path jfr = Files.createTempFile("zmqffm-pinned", ".jfr");
        // A small run first, unrecorded: the first use of a class initialises it, and a virtual thread that waits
        // for another's class initialisation (or a method handle's linkage, an upcall from the VM) is pinned by the
        // JVM itself, once per class. The recording covers the scenario itself. The warm-up's receivers are parked
        // before anything is sent, so that the park path's classes are among those it loads.
        if (args[0].equals("pull-push")) {
            pullPush(WaitStrategy.AUTO, 4, false);
        } else {
            manySockets(20, false);
        }
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            // A running recording makes every Throwable constructor call JFR's ThrowableTracer: initialize it here,
            // or two virtual threads making their first sockets (each records a Throwable as its origin) race
            // for its class initialization, and the one that waits for it pins its carrier.
            new Throwable("initializes JFR's throwable tracing on this platform thread");
            switch (args[0]) {
                case "pull-push" -> pullPush(args.length > 1 ? WaitStrategy.valueOf(args[1]) : WaitStrategy.AUTO, 100, true);
                case "many-sockets" -> manySockets(Integer.parseInt(args[1]), true);
                default -> throw new IllegalArgumentException(args[0]);
            }
            recording.stop();
            recording.dump(jfr);
            pinnedEvents(jfr);
        } finally {
            Files.deleteIfExists(jfr);
        }
        System.out.flush();
        System.exit(0); // a NATIVE control run leaves receivers stuck in libzmq: do not wait for them
    }

    /**
     * 100 virtual threads block in recv() on their own PULL sockets, then 100 more send 10 messages each to them.
     * With {@link WaitStrategy#NATIVE} (the control) the receivers pin every carrier and the senders never run: then
     * it gives up after 3 s.
     */
    private static void pullPush(WaitStrategy strategy, int pairs, boolean print) throws InterruptedException {
        int perSender = 10;
        long bound = strategy == WaitStrategy.NATIVE ? 3 : BOUND_SECONDS;
        Context context = new Context();
        context.setWaitStrategy(strategy);
        AtomicInteger arrived = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch listening = new CountDownLatch(pairs);
        CountDownLatch done = new CountDownLatch(pairs);
        List<Thread> receivers = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String endpoint = "inproc://scenario-" + i;
            receivers.add(Thread.ofVirtual().start(() -> {
                try (Socket pull = context.socket(SocketType.PULL)) {
                    pull.bind(endpoint);
                    listening.countDown();
                    for (int m = 0; m < perSender; m++) {
                        pull.recv();
                        arrived.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }));
        }
        listening.await(bound, TimeUnit.SECONDS); // they are in (or on their way into) recv()
        if (!print) {
            awaitParked(receivers, bound);
        }
        for (int i = 0; i < pairs; i++) {
            String endpoint = "inproc://scenario-" + i;
            Thread.ofVirtual().start(() -> {
                try (Socket push = context.socket(SocketType.PUSH)) {
                    push.connect(endpoint);
                    for (int m = 0; m < perSender; m++) {
                        push.send("message " + m);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
        boolean finished = done.await(bound, TimeUnit.SECONDS);
        if (print) {
            System.out.println("arrived=" + arrived.get());
            System.out.println("finished=" + finished);
            System.out.println("failure=" + failure.get());
        }
        if (finished) {
            context.close();
        }
    }

    /**
     * Waits, bounded, until every thread is parked (WAITING): a warm-up's receivers have taken the park path. One
     * that ended (it failed: nothing was sent yet) is not waited for; its failure is reported as usual.
     */
    private static void awaitParked(List<Thread> threads, long boundSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(boundSeconds);
        while (System.nanoTime() < deadline && !threads.stream().allMatch(thread
                -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TERMINATED)) {
            Thread.sleep(5);
        }
    }

    /**
     * {@code count} virtual threads, each with its own DEALER or REQ socket (alternately), do 10 round trips each
     * with a ROUTER echo service on a platform thread, over inproc; prints the file descriptors the sockets cost.
     */
    private static void manySockets(int count, boolean print) throws Exception {
        int roundTrips = 10;
        Context context = new Context();
        context.set(ContextOption.MAX_SOCKETS, count + 100);
        Socket router = context.socket(SocketType.ROUTER);
        router.bind("inproc://echo");
        Thread echo = Thread.ofPlatform().name("echo").start(() -> {
            try {
                for (;;) {
                    router.sendMultipart(router.recvMultipart());
                }
            } catch (ContextTerminatedException e) {
                router.close();
            }
        });
        long fdsBefore = openFds();
        AtomicInteger completed = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch connected = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            SocketType type = i % 2 == 0 ? SocketType.DEALER : SocketType.REQ;
            int id = i;
            Thread.ofVirtual().start(() -> {
                try (Socket socket = context.socket(type)) {
                    socket.connect("inproc://echo");
                    connected.countDown();
                    go.await();
                    for (int r = 0; r < roundTrips; r++) {
                        String request = id + ":" + r;
                        socket.send(request);
                        String reply = socket.recvString();
                        if (!request.equals(reply)) {
                            throw new AssertionError("sent " + request + ", got " + reply);
                        }
                    }
                    completed.incrementAndGet();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    connected.countDown();
                    done.countDown();
                }
            });
        }
        boolean allConnected = connected.await(BOUND_SECONDS, TimeUnit.SECONDS);
        long fdsWithSockets = openFds();
        long setUp = System.nanoTime();
        go.countDown();
        boolean finished = done.await(BOUND_SECONDS, TimeUnit.SECONDS);
        long end = System.nanoTime();
        context.shutdown();
        echo.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        context.close();
        if (!print) {
            return;
        }
        System.out.println("connected=" + allConnected);
        System.out.println("completed=" + completed.get());
        System.out.println("finished=" + finished);
        System.out.println("failure=" + failure.get());
        System.out.println("fdsPerSocket=" + String.format("%.3f", (fdsWithSockets - fdsBefore) / (double) count));
        System.out.println("setupMillis=" + TimeUnit.NANOSECONDS.toMillis(setUp - start));
        System.out.println("roundTripsMillis=" + TimeUnit.NANOSECONDS.toMillis(end - setUp));
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Prints how many pinned events there were, and how many had a zmq-ffm frame (with the first such stack). */
    private static void pinnedEvents(Path jfr) throws IOException {
        int total = 0;
        int ours = 0;
        List<String> example = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
            if (frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("io.github.zmqffm."))) {
                if (ours++ == 0) {
                    frames.forEach(f -> example.add(f.getMethod().getType().getName() + "." + f.getMethod().getName()));
                }
            }
        }
        System.out.println("pinnedEvents=" + total);
        System.out.println("pinnedZmqFfmEvents=" + ours);
        if (!example.isEmpty()) {
            System.out.println("pinnedExample=" + example);
        }
    }
}
