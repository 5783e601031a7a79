package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Set;

/** Which memory {@link Msg#wrap} may hand to libzmq: memory no one can free while libzmq's I/O thread reads it. */
final class WrapCheck {

    /**
     * The kinds of scope whose memory cannot be freed while we hold the segment: global (the caller vouched, with a
     * restricted method), automatic (freed only once unreachable) and a buffer's (the buffer is kept reachable).
     * Learnt from the public API at start-up, so an unknown kind (a future JDK's) is refused, never guessed.
     */
    private static final Set<Class<?>> SAFE_SCOPES = Set.of(
            Arena.global().scope().getClass(),
            Arena.ofAuto().scope().getClass(),
            MemorySegment.ofBuffer(ByteBuffer.allocateDirect(1)).scope().getClass());

    private WrapCheck() {}

    static void check(MemorySegment data) {
        if (!data.isNative()) {
            throw new IllegalArgumentException("Msg.wrap needs native memory; use Msg.copyOf or Socket.send for heap data");
        }
        if (data.isReadOnly()) {
            throw new IllegalArgumentException("Msg.wrap refuses a read-only segment: an inproc receiver gets this"
                    + " memory as a writable message; send a copy with Socket.send(MemorySegment)");
        }
        if (data.isMapped()) {
            throw new IllegalArgumentException("Msg.wrap refuses a memory-mapped file: if the file shrank, libzmq's"
                    + " I/O thread would fault reading it; send a copy with Socket.send(MemorySegment)");
        }
        if (!SAFE_SCOPES.contains(data.scope().getClass())) {
            throw new IllegalArgumentException("Msg.wrap refuses memory of a confined or shared arena: it could be"
                    + " closed while libzmq still reads it; use Arena.ofAuto(), build the content in"
                    + " Msg.allocate(size), or send a copy with Socket.send(MemorySegment)");
        }
    }
}
