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
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Send+receive through a PUSH/PULL pair on one thread, per path: {@code byte[]} into a caller buffer, native
 * {@link MemorySegment}, direct {@link ByteBuffer}, and zero-copy {@link Msg}. Each operation is one message;
 * an invocation sends {@value SocketPair#BATCH} and then receives them, so the I/O thread pipelines them as in
 * real traffic. Run with {@code -prof gc}: the steady state of every path here should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SendRecvBenchmark {

    @Param({"inproc", "tcp"})
    public String transport;

    @Param({"64"})
    public int size;

    private SocketPair pair;
    private Arena arena;
    private byte[] outArray;
    private byte[] inArray;
    private MemorySegment outSegment;
    private MemorySegment inSegment;
    private ByteBuffer outBuffer;
    private ByteBuffer inBuffer;
    private Msg outMsg;
    private Msg inMsg;

    @Setup(Level.Trial)
    public void setUp() {
        pair = new SocketPair(transport);
        arena = Arena.ofShared();
        outArray = new byte[size];
        inArray = new byte[size];
        outSegment = arena.allocate(size);
        inSegment = arena.allocate(size);
        outBuffer = ByteBuffer.allocateDirect(size);
        inBuffer = ByteBuffer.allocateDirect(size);
        outMsg = new Msg();
        inMsg = new Msg();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        outMsg.close();
        inMsg.close();
        pair.close();
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(SocketPair.BATCH)
    public void byteArray() {
        for (int i = 0; i < SocketPair.BATCH; i++) {
            pair.push.send(outArray);
        }
        for (int i = 0; i < SocketPair.BATCH; i++) {
            SocketPair.check(pair.pull.recv(inArray), size);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SocketPair.BATCH)
    public void memorySegment() {
        for (int i = 0; i < SocketPair.BATCH; i++) {
            pair.push.send(outSegment);
        }
        for (int i = 0; i < SocketPair.BATCH; i++) {
            SocketPair.check(pair.pull.recv(inSegment), size);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SocketPair.BATCH)
    public void directByteBuffer() {
        for (int i = 0; i < SocketPair.BATCH; i++) {
            pair.push.send(outBuffer.clear());
        }
        for (int i = 0; i < SocketPair.BATCH; i++) {
            SocketPair.check(pair.pull.recv(inBuffer.clear()), size);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SocketPair.BATCH)
    public void zeroCopyMsg() {
        for (int i = 0; i < SocketPair.BATCH; i++) {
            outMsg.reset(size);
            pair.push.send(outMsg);
        }
        for (int i = 0; i < SocketPair.BATCH; i++) {
            SocketPair.check(pair.pull.recv(inMsg), size);
        }
    }
}
