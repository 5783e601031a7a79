package io.github.zmqffm;

/** Flags for a receive. */
public enum RecvFlag {
    /** Block until a message arrives (or the receive timeout expires). */
    NONE(0),
    /** ZMQ_DONTWAIT: do not block; a receive with nothing waiting returns -1 or {@code null}. */
    DONTWAIT(1);

    private final int bits;

    RecvFlag(int bits) {
        this.bits = bits;
    }

    /** The C flag bits. */
    public int bits() {
        return bits;
    }
}
