package io.github.zmqffm.jmh;

import io.github.zmqffm.Msg;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link Msg#wrap} (zero copy, but a {@code Msg}, a release registration and an upcall per message) starts
 * to beat sending the same native memory with {@code send(MemorySegment)} (libzmq copies it). Both receive into
 * a reused {@link Msg}, so only the send side differs. The sizes bracket pyzmq's ~64 KiB threshold.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WrapThresholdBenchmark {

    private static final int BATCH = 16;
    private static final Runnable NOTHING_TO_RELEASE = () -> { };

    @Param({"inproc", "tcp"})
    public String transport;

    @Param({"1024", "8192", "32768", "65536", "262144", "1048576"})
    public int size;

    private SocketPair pair;
    private Arena arena;
    private MemorySegment data;
    private Msg in;

    @Setup(Level.Trial)
    public void setUp() {
        pair = new SocketPair(transport);
        arena = Arena.ofShared();
        // The content never changes and outlives every message, so one buffer serves all wrapped messages.
        data = arena.allocate(size);
        in = new Msg();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        in.close();
        pair.close();
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void copy() {
        for (int i = 0; i < BATCH; i++) {
            pair.push.send(data);
        }
        receive();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void wrap() {
        for (int i = 0; i < BATCH; i++) {
            try (Msg msg = Msg.wrap(data, NOTHING_TO_RELEASE)) {
                pair.push.send(msg);
            }
        }
        receive();
    }

    private void receive() {
        for (int i = 0; i < BATCH; i++) {
            SocketPair.check(pair.pull.recv(in), size);
        }
    }
}
