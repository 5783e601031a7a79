package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The segment of a ByteBuffer's remaining bytes, kept while the same buffer comes back with the same position and
 * limit (a loop that clears and refills one buffer): so a send or receive of a direct or read-only buffer does not
 * make a segment per call where escape analysis fails to remove it. The kept segment is still checked by the
 * linker at each call (the liveness of the arena a buffer may come from).
 */
final class BufferWindow {

    private ByteBuffer buffer;
    private int position;
    private int limit;
    private MemorySegment segment;

    /** {@code MemorySegment.ofBuffer(buffer)}, or the segment made for the same buffer and window last time. */
    MemorySegment segmentOf(ByteBuffer buffer) {
        if (buffer != this.buffer || buffer.position() != position || buffer.limit() != limit) {
            segment = MemorySegment.ofBuffer(buffer);
            this.buffer = buffer;
            position = buffer.position();
            limit = buffer.limit();
        }
        return segment;
    }
}
