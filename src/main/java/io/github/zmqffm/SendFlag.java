package io.github.zmqffm;

/**
 * Flags for a send, as one value so that a call never allocates: combine with {@link #and(SendFlag)}
 * ({@code SendFlag.DONTWAIT.and(SendFlag.SNDMORE)}).
 */
public enum SendFlag {
    /** Block until the message is queued (or the send timeout expires). */
    NONE(0),
    /** ZMQ_DONTWAIT: do not block; a send that would block returns {@code false}. */
    DONTWAIT(1),
    /** ZMQ_SNDMORE: more frames of this message follow. */
    SNDMORE(2),
    /** Both ZMQ_DONTWAIT and ZMQ_SNDMORE. */
    DONTWAIT_SNDMORE(3);

    private static final SendFlag[] BY_BITS = values();

    private final int bits;

    SendFlag(int bits) {
        this.bits = bits;
    }

    /** The C flag bits. */
    public int bits() {
        return bits;
    }

    /** Whether ZMQ_DONTWAIT is set. */
    public boolean dontWait() {
        return (bits & 1) != 0;
    }

    /** This flag combined with another. */
    public SendFlag and(SendFlag other) {
        return BY_BITS[bits | other.bits];
    }
}
