package io.github.zmqffm.fuzz;

import io.github.zmqffm.fuzz.Sequence.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one sequence in this JVM: one platform thread per sequence thread, started together, each running its
 * steps in order; then a teardown that closes whatever is left. Does not bound time itself: {@link FuzzChild}'s
 * watchdog does, and reports a sequence that overruns as a hang.
 */
final class SequenceRunner {

    /** With {@code -Dzmqffm.fuzz.trace=true} each step is printed to stderr with its duration. */
    private static final boolean TRACE = Boolean.getBoolean("zmqffm.fuzz.trace");

    private SequenceRunner() {}

    static Outcome run(Sequence sequence, String ipcDirectory) throws InterruptedException {
        World world = new World(ipcDirectory, sequence.threads());
        AtomicReference<Outcome> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < sequence.threads(); t++) {
            int thread = t;
            List<Action> actions = sequence.of(t);
            threads.add(Thread.ofPlatform().name("fuzz-t" + t).start(() -> {
                try {
                    start.await();
                    for (Action action : actions) {
                        step(world, new Step(thread, action), failure);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    world.phaser.arriveAndDeregister();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long teardown = System.nanoTime();
        world.tearDown(close -> {
            try {
                close.run();
            } catch (Throwable e) {
                Outcome judged = Policy.judge("tearDown", null, e);
                if (judged != null) {
                    failure.compareAndSet(null, new Outcome(judged.kind(), judged.signature(),
                            "in the teardown after the last step\n" + judged.detail()));
                }
            }
        });
        if (TRACE) {
            System.err.printf("[trace] teardown %d ms%n", (System.nanoTime() - teardown) / 1_000_000);
        }
        if (failure.get() != null) {
            return failure.get();
        }
        if (!world.violations.isEmpty()) {
            return new Outcome(Outcome.Kind.VIOLATION, world.violations.getFirst(), String.join("\n", world.violations));
        }
        if (world.doubleReleases.get() > 0) {
            return new Outcome(Outcome.Kind.VIOLATION, "a Msg.wrap release callback ran twice",
                    world.doubleReleases.get() + " release callbacks ran more than once");
        }
        return Outcome.OK;
    }

    private static void step(World world, Step step, AtomicReference<Outcome> failure) {
        long started = System.nanoTime();
        try {
            step.action().run(world);
            trace(step, started, "ok");
        } catch (Throwable e) {
            trace(step, started, e.toString());
            Outcome judged = Policy.judge(step.action(), e);
            if (judged != null) {
                failure.compareAndSet(null, new Outcome(judged.kind(), judged.signature(), "at step: " + step + "\n"
                        + judged.detail()));
            }
        }
    }

    private static void trace(Step step, long started, String result) {
        if (TRACE) {
            System.err.printf("[trace] %5d ms %s -> %s%n", (System.nanoTime() - started) / 1_000_000, step, result);
        }
    }
}
