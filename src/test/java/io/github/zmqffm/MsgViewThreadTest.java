package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Fuzzer finding: what a {@link Msg#data()} view does on another thread than the one that took it, as Msg's
 * javadoc says: WrongThreadException, whether its content is still current or has moved on.
 */
class MsgViewThreadTest {

    @Test
    void aViewUsedOnAnotherThreadThrowsWrongThreadException() throws Exception {
        try (Msg msg = Msg.copyOf(new byte[] {1, 2, 3})) {
            MemorySegment view = msg.data();
            assertInstanceOf(WrongThreadException.class, onAnotherThread(view));
            assertEquals(1, view.get(ValueLayout.JAVA_BYTE, 0), "still usable on its own thread");
            msg.reset(8); // the content moves on: the view is stale now
            assertThrows(IllegalStateException.class, () -> view.get(ValueLayout.JAVA_BYTE, 0));
            assertInstanceOf(WrongThreadException.class, onAnotherThread(view), "stale, and on another thread");
        }
    }

    /** Found while writing this test: data() on a second thread used to give an empty view (the content lost). */
    @Test
    void anotherThreadViewsTheSameContentAndTheOldViewsKeepTheirs() throws Exception {
        try (Msg msg = Msg.copyOf(new byte[] {4, 5, 6})) {
            MemorySegment mine = msg.data();
            byte[] seenThere = CompletableFuture.supplyAsync(() -> {
                MemorySegment theirs = msg.data();
                byte[] seen = theirs.toArray(ValueLayout.JAVA_BYTE);
                theirs.set(ValueLayout.JAVA_BYTE, 2, (byte) 9);
                return seen;
            }).get(10, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {4, 5, 6}, seenThere);
            assertArrayEquals(new byte[] {4, 5, 6}, mine.toArray(ValueLayout.JAVA_BYTE), "the old view, as it was");
            assertArrayEquals(new byte[] {4, 5, 9}, msg.toArray(), "the message has the other thread's write");
            assertEquals(3, msg.size());
        }
    }

    /** What reading {@code view} on a new thread throws (null if nothing). */
    private static Throwable onAnotherThread(MemorySegment view) throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                view.get(ValueLayout.JAVA_BYTE, 0);
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        return thrown.get(10, TimeUnit.SECONDS);
    }
}
