package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/** Class 3, {@link Msg#wrap}: the memory it hands to libzmq stays valid until libzmq releases it. */
public final class WrapScenarios {

    private static final int SIZE = 8 << 20;

    private WrapScenarios() {}

    @Scenario
    public static void wrappedAutomaticMemoryIsNotCollectedWhileLibzmqReadsIt() throws Exception {
        CountDownLatch released = new CountDownLatch(4);
        try (Context context = new Context();
             Socket pull = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(20));
             Socket push = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(20));
             Msg in = new Msg()) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            for (int i = 0; i < 4; i++) {
                sendWrappedAndForget(push, (byte) (10 + i), released);
            }
            Scenarios.collectGarbage(Duration.ofSeconds(1)); // the segments are reachable only through zmq-ffm now
            for (int i = 0; i < 4; i++) {
                check(pull.recv(in) == SIZE, "size");
                MemorySegment data = in.data();
                for (long offset = 0; offset < SIZE; offset += 4093) {
                    check(data.get(ValueLayout.JAVA_BYTE, offset) == 10 + i, "content of message " + i + " at " + offset);
                }
            }
            check(released.await(10, TimeUnit.SECONDS), "release callbacks missing: " + released.getCount());
        }
    }

    @Scenario
    public static void wrapRefusesMemoryThatCouldBeFreedUnderLibzmq() throws Exception {
        Runnable nothing = () -> { };
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            expect(IllegalArgumentException.class, () -> Msg.wrap(confined.allocate(64), nothing));
            expect(IllegalArgumentException.class, () -> Msg.wrap(shared.allocate(64), nothing));
        }
        expect(IllegalArgumentException.class, () -> Msg.wrap(Arena.ofAuto().allocate(64).asReadOnly(), nothing));
        expect(IllegalArgumentException.class, () -> Msg.wrap(MemorySegment.ofArray(new byte[64]), nothing));
        Path file = Files.createTempFile("zmq-ffm-wrap", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.allocate(4096));
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, Arena.ofAuto());
            expect(IllegalArgumentException.class, () -> Msg.wrap(mapped, nothing));
        } finally {
            Files.deleteIfExists(file);
        }
        try (Msg ok = Msg.wrap(Arena.ofAuto().allocate(64), nothing);
             Msg direct = Msg.wrap(MemorySegment.ofBuffer(java.nio.ByteBuffer.allocateDirect(64)), nothing)) {
            check(ok.size() == 64 && direct.size() == 64, "accepted memory");
        }
    }

    @Scenario
    public static void aBlockedReleaseCallbackDelaysNoOther() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch secondReleased = new CountDownLatch(1);
        try (Pipe pipe = Pipe.open("wrap")) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();
            try (Msg first = Msg.wrap(Arena.ofAuto().allocate(1024), () -> awaitQuietly(unblock));
                 Msg second = Msg.wrap(Arena.ofAuto().allocate(1024), secondReleased::countDown)) {
                push.send(first);
                push.send(second);
            }
            pull.recv(new byte[1]);
            pull.recv(new byte[1]);
            pull.recv(new byte[1], io.github.zmqffm.RecvFlag.DONTWAIT); // drops libzmq's last references
            check(secondReleased.await(10, TimeUnit.SECONDS), "the second release waited for the blocked first");
        } finally {
            unblock.countDown();
        }
    }

    private static void sendWrappedAndForget(Socket push, byte value, CountDownLatch released) {
        MemorySegment data = Arena.ofAuto().allocate(SIZE);
        data.fill(value);
        try (Msg wrapped = Msg.wrap(data, released::countDown)) {
            push.send(wrapped);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
