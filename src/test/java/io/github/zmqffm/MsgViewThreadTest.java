package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Fuzzer findings: what {@link Msg#data()} views do across threads, as Msg's javadoc says: WrongThreadException
 * on another thread than their own, stale or not; one content shared by the views of every thread, each thread's
 * views stale once that thread moves the content on.
 */
class MsgViewThreadTest {

    @Test
    void aViewUsedOnAnotherThreadThrowsWrongThreadException() throws Exception {
        try (Msg msg = Msg.copyOf(new byte[] {1, 2, 3})) {
            MemorySegment view = msg.data();
            assertInstanceOf(WrongThreadException.class, thrownOnAnotherThread(view));
            assertEquals(1, view.get(ValueLayout.JAVA_BYTE, 0), "still usable on its own thread");
            msg.reset(8); // the content moves on: the view is stale now
            assertThrows(IllegalStateException.class, () -> view.get(ValueLayout.JAVA_BYTE, 0));
            assertInstanceOf(WrongThreadException.class, thrownOnAnotherThread(view), "stale, and on another thread");
        }
    }

    /** Found while writing this test: data() on a second thread used to give an empty view (the content lost). */
    @Test
    void anotherThreadViewsTheSameContentAndBothSeeItsWrites() throws Exception {
        try (Msg msg = Msg.copyOf(new byte[] {4, 5, 6})) {
            MemorySegment mine = msg.data();
            byte[] seenThere = onAnotherThread(() -> {
                MemorySegment theirs = msg.data();
                byte[] seen = theirs.toArray(ValueLayout.JAVA_BYTE);
                theirs.set(ValueLayout.JAVA_BYTE, 2, (byte) 9);
                return seen;
            });
            assertArrayEquals(new byte[] {4, 5, 6}, seenThere);
            assertArrayEquals(new byte[] {4, 5, 9}, mine.toArray(ValueLayout.JAVA_BYTE), "the same content");
            assertArrayEquals(new byte[] {4, 5, 9}, msg.toArray());
            assertSame(mine, msg.data(), "this thread's view of this content is still the one it had");
        }
    }

    /**
     * Fuzzer finding (seed 1202, index 66027): a view stayed usable after its own thread closed the message,
     * because another thread's data() in between had handed it a copy instead of sharing the content.
     */
    @Test
    void aViewThrowsOnceItsOwnThreadMovesTheContentOnEvenIfAnotherThreadViewedIt() throws Exception {
        Msg msg = Msg.copyOf(new byte[] {1, 2, 3});
        MemorySegment mine = msg.data();
        onAnotherThread(() -> msg.data().get(ValueLayout.JAVA_BYTE, 0));
        msg.close();
        assertThrows(IllegalStateException.class, () -> mine.get(ValueLayout.JAVA_BYTE, 0));

        try (Msg reused = Msg.copyOf(new byte[] {1, 2, 3})) {
            MemorySegment before = reused.data();
            onAnotherThread(() -> reused.data().get(ValueLayout.JAVA_BYTE, 0));
            reused.reset(4);
            assertThrows(IllegalStateException.class, () -> before.get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(4, reused.data().byteSize());
        }
    }

    /** A move on another thread cannot close this thread's confined views: they keep the old content, readable. */
    @Test
    void aMoveOnAnotherThreadLeavesThisThreadsViewsTheOldContent() throws Exception {
        try (Msg msg = Msg.copyOf(new byte[] {7, 8, 9})) {
            MemorySegment mine = msg.data();
            Throwable staleThere = onAnotherThread(() -> {
                MemorySegment theirs = msg.data();
                msg.reset(2);
                try {
                    theirs.get(ValueLayout.JAVA_BYTE, 0);
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertInstanceOf(IllegalStateException.class, staleThere, "the other thread's own view is stale");
            assertArrayEquals(new byte[] {7, 8, 9}, mine.toArray(ValueLayout.JAVA_BYTE), "kept for this thread");
            assertEquals(2, msg.size());
            mine.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            assertEquals(2, msg.data().byteSize(), "the message went on without this thread's old view");
        }
    }

    /** What {@code work} returns on a new platform thread. */
    private static <T> T onAnotherThread(Callable<T> work) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, runnable -> Thread.ofPlatform().start(runnable)).get(10, TimeUnit.SECONDS);
    }

    /** What reading {@code view} on a new thread throws (null if nothing). */
    private static Throwable thrownOnAnotherThread(MemorySegment view) throws Exception {
        return onAnotherThread(() -> {
            try {
                view.get(ValueLayout.JAVA_BYTE, 0);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }
}
