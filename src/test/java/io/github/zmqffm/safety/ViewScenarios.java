package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/**
 * Class 2, views of message content: a view from {@link Msg#data()} never reads or writes memory libzmq freed or
 * took over. Large messages (1 to 64 MiB) are used because their memory is unmapped when freed, so a stale read
 * would fault rather than read leftovers.
 */
public final class ViewScenarios {

    private static final int MIB = 1 << 20;
    private static final int[] SIZES = {MIB, 16 * MIB, 64 * MIB};

    private ViewScenarios() {}

    @Scenario
    public static void aViewThrowsAfterTheNextReceive() throws Exception {
        eachSize((pair, size) -> {
            try (Msg msg = new Msg()) {
                pair.push().send(filled(size, (byte) 1));
                pair.push().send(filled(size, (byte) 2));
                pair.pull().recv(msg);
                MemorySegment view = msg.data();
                check(view.get(ValueLayout.JAVA_BYTE, size - 1) == 1, "first content");
                pair.pull().recv(msg);
                expect(IllegalStateException.class, () -> view.get(ValueLayout.JAVA_BYTE, size - 1));
                check(msg.data().get(ValueLayout.JAVA_BYTE, size - 1) == 2, "second content");
            }
        });
    }

    @Scenario
    public static void aViewThrowsAfterResetSendOrClose() throws Exception {
        eachSize((pair, size) -> {
            Msg msg = Msg.allocate(size);
            MemorySegment beforeReset = msg.data();
            msg.reset(size);
            expect(IllegalStateException.class, () -> beforeReset.fill((byte) 3));
            MemorySegment beforeSend = msg.data();
            beforeSend.fill((byte) 4);
            pair.push().send(msg);
            expect(IllegalStateException.class, () -> beforeSend.get(ValueLayout.JAVA_BYTE, 0));
            msg.reset(size); // sending left it empty
            MemorySegment beforeClose = msg.data();
            msg.close();
            expect(IllegalStateException.class, () -> beforeClose.get(ValueLayout.JAVA_BYTE, 0));
            try (Msg in = new Msg()) {
                check(pair.pull().recv(in) == size, "size");
            }
        });
    }

    @Scenario
    public static void writingThroughAViewAfterSendingDoesNotChangeWhatThePeerGets() throws Exception {
        eachSize((pair, size) -> {
            try (Msg msg = Msg.allocate(size); Msg in = new Msg()) {
                MemorySegment view = msg.data();
                view.fill((byte) 'A');
                pair.push().send(msg); // over inproc the receiver gets this very memory
                expect(IllegalStateException.class, () -> view.fill((byte) 'B'));
                pair.pull().recv(in);
                check(in.data().get(ValueLayout.JAVA_BYTE, size / 2) == 'A', "the peer saw a write made after send");
            }
        });
    }

    @Scenario
    public static void aViewOutlivesItsCollectedMsgWithoutReadingFreedMemory() throws Exception {
        eachSize((pair, size) -> {
            pair.push().send(filled(size, (byte) 5));
            MemorySegment view = receiveAndDrop(pair.pull());
            Scenarios.collectGarbage(Duration.ofMillis(500));
            for (long offset = 0; offset < size; offset += 4096) {
                check(view.get(ValueLayout.JAVA_BYTE, offset) == 5, "content at " + offset);
            }
        });
    }

    @Scenario
    public static void viewsOnAnotherThreadKeepTheOldContent() throws Exception {
        eachSize((pair, size) -> {
            Msg msg = new Msg();
            pair.push().send(filled(size, (byte) 6));
            pair.push().send(filled(size, (byte) 7));
            CountDownLatch viewTaken = new CountDownLatch(1);
            CountDownLatch movedOn = new CountDownLatch(1);
            AtomicReference<Byte> seen = new AtomicReference<>();
            AtomicReference<MemorySegment> view = new AtomicReference<>();
            Thread first = Thread.ofPlatform().name("first").start(() -> {
                pair.pull().recv(msg);
                view.set(msg.data());
                viewTaken.countDown();
                await(movedOn);
                Scenarios.collectGarbageSilently();
                seen.set(view.get().get(ValueLayout.JAVA_BYTE, size - 1));
            });
            await(viewTaken);
            // The message moves to this thread: its next receive and its close cannot close the other's arena.
            pair.pull().recv(msg);
            check(msg.data().get(ValueLayout.JAVA_BYTE, size - 1) == 7, "new content");
            msg.close();
            movedOn.countDown();
            first.join(10_000);
            check(Byte.valueOf((byte) 6).equals(seen.get()), "the old view did not see the old content: " + seen.get());
            expect(WrongThreadException.class, () -> view.get().get(ValueLayout.JAVA_BYTE, 0));
        });
    }

    @Scenario
    public static void aMessageSentFromAnotherThreadThanItsViewsSendsTheContentAsItWas() throws Exception {
        eachSize((pair, size) -> {
            Msg msg = Msg.allocate(size);
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch sent = new CountDownLatch(1);
            Thread writer = Thread.ofPlatform().name("writer").start(() -> {
                MemorySegment view = msg.data();
                view.fill((byte) 'X');
                written.countDown();
                await(sent);
                view.fill((byte) 'Y'); // the writer's views still work, on content the peer no longer shares
            });
            await(written);
            pair.push().send(msg);
            sent.countDown();
            writer.join(10_000);
            try (Msg in = new Msg()) {
                pair.pull().recv(in);
                check(in.data().get(ValueLayout.JAVA_BYTE, size - 1) == 'X', "a write after send reached the peer");
            }
            msg.close();
        });
    }

    @Scenario
    public static void copyToAndCopyFromStayInBounds() throws Exception {
        try (Msg msg = Msg.allocate(16)) {
            msg.copyFrom(MemorySegment.ofArray(new byte[16]));
            expect(IndexOutOfBoundsException.class, () -> msg.copyFrom(MemorySegment.ofArray(new byte[17])));
            byte[] small = new byte[4];
            check(msg.copyTo(MemorySegment.ofArray(small)) == 16, "copyTo returns the content size");
            expect(IllegalArgumentException.class, () -> msg.copyTo(MemorySegment.ofArray(new byte[4]).asReadOnly()));
        }
    }

    private static MemorySegment receiveAndDrop(Socket pull) {
        Msg msg = new Msg();
        pull.recv(msg);
        return msg.data(); // the Msg is unreachable from here on
    }

    private static byte[] filled(int size, byte value) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, value);
        return data;
    }

    interface SizedCase {
        void run(Pipe pair, int size) throws Exception;
    }

    private static void eachSize(SizedCase test) throws Exception {
        try (Pipe pipe = Pipe.open("views")) {
            for (int size : SIZES) {
                test.run(pipe, size);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            check(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
