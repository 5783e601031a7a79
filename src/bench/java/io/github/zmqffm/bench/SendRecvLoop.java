package io.github.zmqffm.bench;

import io.github.zmqffm.Msg;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.jmh.SocketPair;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Java side of the in-thread comparison: {@code SendRecvBenchmark}'s loop without JMH, for one path of
 * zmq-ffm's public API, with the arguments and output of its C twin ({@code src/bench/c/sendrecv.c}): one
 * thread, a PUSH/PULL pair, send a batch of {@value SocketPair#BATCH}, then receive them; ns per message in
 * timed rounds after a warm-up (for the JIT: default 2 s). One path per JVM, so no other path's type profiles
 * shape the compiled code.
 *
 * <p>Usage: {@code SendRecvLoop <path> <inproc|tcp> <message-size> [<rounds> [<round-ms> [<warmup-ms>]]]},
 * paths as in {@link InThreadPath}. Prints one line per round, {@code round N: X ns/message, Y ns/message CPU
 * (M messages), Z B/message}: wall-clock time and the thread's own CPU time, as the C twin does, and the Java
 * heap the thread allocated (a steady-state path should allocate nothing).
 *
 * <p>{@code SendRecvLoop --batches <warm-up> <measured> <path> <inproc|tcp> <message-size>}, for valgrind's
 * callgrind: runs {@code <warm-up>} batches, then {@code <measured>} batches with callgrind's collection toggled
 * on for this thread (through {@code -Dzmqffm.bench.callgrindToggle=<libcallgrindtoggle.so>}; without it nothing
 * is toggled), and prints {@code measured M messages}.
 */
public final class SendRecvLoop {

    static final int FRAMES = 3;
    private static final int BATCH = SocketPair.BATCH;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private SendRecvLoop() {}

    /** Runs one path; exits 1 on bad arguments. */
    public static void main(String[] args) throws Throwable {
        long warmupBatches = -1;
        long measuredBatches = 0;
        if (args.length == 6 && args[0].equals("--batches")) {
            warmupBatches = Long.parseLong(args[1]);
            measuredBatches = Long.parseLong(args[2]);
            args = Arrays.copyOfRange(args, 3, 6);
        }
        if (args.length < 3 || args.length > 6) {
            System.out.println("usage: SendRecvLoop <path> <inproc|tcp> <message-size> [<rounds> [<round-ms> [<warmup-ms>]]]");
            System.exit(1);
        }
        InThreadPath path = InThreadPath.named(args[0]);
        String transport = args[1];
        int size = Integer.parseInt(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int roundMillis = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int warmupMillis = args.length > 5 ? Integer.parseInt(args[5]) : 2000;
        if (!transport.equals("inproc") && !transport.equals("tcp")) {
            throw new IllegalArgumentException("transport: inproc or tcp, not " + transport);
        }
        try (SocketPair pair = new SocketPair(transport); Arena arena = Arena.ofConfined()) {
            Runnable batch = batch(path, pair, size, arena);
            if (warmupBatches >= 0) {
                MethodHandle toggle = callgrindToggle();
                for (long i = 0; i < warmupBatches; i++) {
                    batch.run();
                }
                toggle.invokeExact();
                for (long i = 0; i < measuredBatches; i++) {
                    batch.run();
                }
                toggle.invokeExact();
                System.out.println("measured " + measuredBatches * BATCH + " messages");
                return;
            }
            System.out.printf(Locale.ROOT, "# SendRecvLoop %s %s %d B: batch %d, warm-up %d ms, %d rounds of %d ms%n",
                    path.id, transport, size, BATCH, warmupMillis, rounds, roundMillis);
            long[] elapsedAndCpu = new long[3];
            run(batch, warmupMillis, elapsedAndCpu);
            // Printed once all rounds are done: formatting loads classes and wakes the JIT, which would compete
            // with the next round for the core.
            long[][] results = new long[rounds][];
            for (int r = 0; r < rounds; r++) {
                long messages = run(batch, roundMillis, elapsedAndCpu);
                results[r] = new long[] {messages, elapsedAndCpu[0], elapsedAndCpu[1], elapsedAndCpu[2]};
            }
            for (int r = 0; r < rounds; r++) {
                long messages = results[r][0];
                System.out.printf(Locale.ROOT, "round %d: %.2f ns/message, %.2f ns/message CPU (%d messages), %.3f"
                        + " B/message%n", r + 1, (double) results[r][1] / messages, (double) results[r][2] / messages,
                        messages, (double) results[r][3] / messages);
            }
        }
    }

    /** {@code zmqffm_bench_toggle_collect()} of the library named by zmqffm.bench.callgrindToggle, or a no-op. */
    private static MethodHandle callgrindToggle() {
        String library = System.getProperty("zmqffm.bench.callgrindToggle");
        if (library == null) {
            return MethodHandles.empty(MethodType.methodType(void.class));
        }
        MemorySegment function = SymbolLookup.libraryLookup(Path.of(library), Arena.global())
                .findOrThrow("zmqffm_bench_toggle_collect");
        return Linker.nativeLinker().downcallHandle(function, FunctionDescriptor.ofVoid());
    }

    /**
     * Runs batches for at least {@code millis}; returns the messages sent and received, their time in
     * {@code elapsedAndCpu[0]}, the thread's CPU time (CLOCK_THREAD_CPUTIME_ID on Linux) in [1] and the bytes it
     * allocated in [2].
     */
    private static long run(Runnable batch, int millis, long[] elapsedAndCpu) {
        long allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long now;
        long messages = 0;
        do {
            batch.run();
            messages += BATCH;
            now = System.nanoTime();
        } while (now < end);
        elapsedAndCpu[0] = now - start;
        elapsedAndCpu[1] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        elapsedAndCpu[2] = THREADS.getCurrentThreadAllocatedBytes() - allocatedStart;
        return messages;
    }

    /** One batch of the path: send {@value SocketPair#BATCH} messages, then receive them, checking each size. */
    private static Runnable batch(InThreadPath path, SocketPair pair, int size, Arena arena) {
        return switch (path) {
            case BYTES -> new Bytes(pair, size);
            case HEAP_SEGMENT -> new Segments(pair, size, MemorySegment.ofArray(new byte[size]), MemorySegment.ofArray(new byte[size]));
            case NATIVE_SEGMENT -> new Segments(pair, size, arena.allocate(size),
                    arena.allocate(size));
            case DIRECT_BUFFER -> new Buffers(pair, size, ByteBuffer.allocateDirect(size), ByteBuffer.allocateDirect(size));
            case HEAP_BUFFER -> new Buffers(pair, size, ByteBuffer.allocate(size), ByteBuffer.allocate(size));
            case MSG -> new Msgs(pair, size);
            case MULTIPART -> new Multipart(pair, size);
            case FFM_BYTES -> new FfmFloor.Bytes(pair, size);
            case FFM_MSG -> new FfmFloor.Msgs(pair, size, arena);
        };
    }

    // One class per path, each loop written out as in SendRecvBenchmark: each compiles to its own monomorphic
    // code, exactly what a user's loop over that overload would be.

    private record Bytes(SocketPair pair, int size, byte[] out, byte[] in) implements Runnable {
        Bytes(SocketPair pair, int size) {
            this(pair, size, new byte[size], new byte[size]);
        }

        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                pair.push.send(out);
            }
            for (int i = 0; i < BATCH; i++) {
                SocketPair.check(pair.pull.recv(in), size);
            }
        }
    }

    private record Segments(SocketPair pair, int size, MemorySegment out, MemorySegment in) implements Runnable {
        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                pair.push.send(out);
            }
            for (int i = 0; i < BATCH; i++) {
                SocketPair.check(pair.pull.recv(in), size);
            }
        }
    }

    private record Buffers(SocketPair pair, int size, ByteBuffer out, ByteBuffer in) implements Runnable {
        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                pair.push.send(out.clear());
            }
            for (int i = 0; i < BATCH; i++) {
                SocketPair.check(pair.pull.recv(in.clear()), size);
            }
        }
    }

    /** The Msgs live as long as the JVM (one process per run): nothing to close. */
    private record Msgs(SocketPair pair, int size, Msg out, Msg in) implements Runnable {
        Msgs(SocketPair pair, int size) {
            this(pair, size, new Msg(), new Msg());
        }

        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                out.reset(size);
                pair.push.send(out);
            }
            for (int i = 0; i < BATCH; i++) {
                SocketPair.check(pair.pull.recv(in), size);
            }
        }
    }

    private record Multipart(SocketPair pair, int size, byte[] out, byte[] in) implements Runnable {
        Multipart(SocketPair pair, int size) {
            this(pair, size, new byte[size], new byte[size]);
        }

        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                for (int frame = 0; frame < FRAMES; frame++) {
                    pair.push.send(out, frame < FRAMES - 1 ? SendFlag.SNDMORE : SendFlag.NONE);
                }
            }
            for (int i = 0; i < BATCH; i++) {
                for (int frame = 0; frame < FRAMES; frame++) {
                    SocketPair.check(pair.pull.recv(in), size);
                    if (pair.pull.hasReceiveMore() != (frame < FRAMES - 1)) {
                        throw new IllegalStateException("frame " + frame + ": wrong ZMQ_RCVMORE");
                    }
                }
            }
        }
    }
}
