package io.github.zmqffm.fuzz;

import io.github.zmqffm.Zmq;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The child JVM of the fuzzer: reads sequences from stdin ({@code SEQ id}, the text, {@code END}), runs each under a
 * watchdog and answers {@code DONE id millis outcome} on stdout. A sequence that overruns its budget is answered as
 * a hang with the stuck threads' stacks, then the JVM halts: its threads cannot be trusted any more. A crash simply
 * kills it; the parent sees the pipe close and reads the hs_err file.
 *
 * <p>Arguments: a work directory (ipc endpoints, mapped files) and the budget of one sequence in milliseconds.
 */
public final class FuzzChild {

    private FuzzChild() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        long budgetMillis = Long.parseLong(args[1]);
        // Only the protocol goes to stdout; the leak warnings of forgotten objects are expected noise.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
        Zmq.version(); // load libzmq and warm the common paths up before the first sequence is timed
        SequenceRunner.run(Sequence.parse(List.of("threads 1",
                "t0 NewContext c=0 ioThreads=1 lingerMs=0 graceMs=0 termMs=100",
                "t0 Pair a=0 b=1 c=0 kind=PUSH_PULL transport=INPROC timeoutMs=10",
                "t0 Send s=0 how=BYTES size=8 flags=NONE aux=0",
                "t0 Recv s=1 how=NEW_ARRAY size=8 flags=NONE aux=0")), Files.createDirectories(work.resolve("warm"))
                .toString());
        protocol.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long count = 0;
        for (String line; (line = in.readLine()) != null && line.startsWith("SEQ "); ) {
            String id = line.substring(4);
            List<String> text = new ArrayList<>();
            for (String step; (step = in.readLine()) != null && !step.equals("END"); ) {
                text.add(step);
            }
            Path directory = Files.createDirectories(work.resolve(Long.toString(count++)));
            long started = System.nanoTime();
            Outcome outcome = runBounded(Sequence.parse(text), directory.toString(), budgetMillis);
            long millis = (System.nanoTime() - started) / 1_000_000;
            delete(directory);
            protocol.println("DONE " + id + " " + millis + " " + outcome.encode());
            if (outcome.kind() == Outcome.Kind.HANG) {
                protocol.flush();
                Runtime.getRuntime().halt(3);
            }
        }
    }

    private static Outcome runBounded(Sequence sequence, String directory, long budgetMillis)
            throws InterruptedException {
        AtomicReference<Outcome> result = new AtomicReference<>();
        Thread driver = Thread.ofPlatform().name("fuzz-driver").start(() -> {
            try {
                result.set(SequenceRunner.run(sequence, directory));
            } catch (Throwable e) {
                result.set(new Outcome(Outcome.Kind.UNDOCUMENTED, "harness: " + e, Policy.stack(e)));
            }
        });
        driver.join(budgetMillis);
        return driver.isAlive() ? hang(budgetMillis) : result.get();
    }

    /** A hang: which API methods the fuzz threads are stuck in (the signature) and their stacks (the detail). */
    private static Outcome hang(long budgetMillis) throws InterruptedException {
        AtomicReference<Map<Thread, StackTraceElement[]>> dump = new AtomicReference<>();
        // A thread stuck in a critical native call blocks safepoints, and so the dump: never wait long for it.
        Thread dumper = Thread.ofPlatform().daemon().start(() -> dump.set(Thread.getAllStackTraces()));
        dumper.join(5000);
        if (dump.get() == null) {
            return new Outcome(Outcome.Kind.HANG, "no thread dump (safepoints blocked)",
                    "the sequence overran " + budgetMillis + " ms and the JVM could not reach a safepoint for a dump");
        }
        TreeSet<String> stuck = new TreeSet<>();
        String driverFrame = "?";
        StringBuilder detail = new StringBuilder("the sequence overran " + budgetMillis + " ms; its threads:\n");
        List<Map.Entry<Thread, StackTraceElement[]>> threads = dump.get().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("fuzz-"))
                .sorted(Comparator.comparing(e -> e.getKey().getName())).toList();
        for (Map.Entry<Thread, StackTraceElement[]> e : threads) {
            Throwable where = new Throwable();
            where.setStackTrace(e.getValue());
            if (e.getKey().getName().equals("fuzz-driver")) {
                driverFrame = Policy.apiFrame(where);
            } else {
                stuck.add(Policy.apiFrame(where));
            }
            detail.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
            for (StackTraceElement element : e.getValue()) {
                detail.append("    at ").append(element).append('\n');
            }
        }
        if (stuck.isEmpty()) {
            stuck.add(driverFrame + " (teardown)"); // every step returned: the teardown hangs
        }
        return new Outcome(Outcome.Kind.HANG, "in " + String.join(", ", stuck), detail.toString());
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover directory under target/ is harmless
        }
    }
}
