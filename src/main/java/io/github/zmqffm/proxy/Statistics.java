package io.github.zmqffm.proxy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The eight counters libzmq's proxy keeps, in the order of its STATISTICS reply. A message is a whole
 * (multipart) message; bytes are the sum of its frames. "In" counts what a socket received, "out" what was
 * sent out of it: a message forwarded from frontend to backend adds to {@code frontendMessagesIn} and
 * {@code backendMessagesOut}. The counters are {@code uint64_t} in C (read them unsigned if they could exceed
 * {@link Long#MAX_VALUE}). They start at zero when the proxy starts.
 *
 * @param frontendMessagesIn  messages received by the frontend
 * @param frontendBytesIn     bytes received by the frontend
 * @param frontendMessagesOut messages sent out of the frontend
 * @param frontendBytesOut    bytes sent out of the frontend
 * @param backendMessagesIn   messages received by the backend
 * @param backendBytesIn      bytes received by the backend
 * @param backendMessagesOut  messages sent out of the backend
 * @param backendBytesOut     bytes sent out of the backend
 */
public record Statistics(long frontendMessagesIn, long frontendBytesIn, long frontendMessagesOut,
                         long frontendBytesOut, long backendMessagesIn, long backendBytesIn,
                         long backendMessagesOut, long backendBytesOut) {

    /** The number of frames in libzmq's STATISTICS reply. */
    public static final int FRAMES = 8;

    /**
     * Decodes libzmq's STATISTICS reply: eight frames of one {@code uint64_t} each, in the proxy host's byte
     * order (this host's, for a local proxy). Throws {@link IllegalArgumentException} for another shape.
     */
    public static Statistics fromFrames(List<byte[]> frames) {
        if (frames.size() != FRAMES) {
            throw new IllegalArgumentException("a STATISTICS reply has 8 frames, not " + frames.size());
        }
        long[] values = new long[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = frames.get(i);
            if (frame.length != Long.BYTES) {
                throw new IllegalArgumentException("STATISTICS frame " + i + " has " + frame.length + " bytes, not 8");
            }
            values[i] = ByteBuffer.wrap(frame).order(ByteOrder.nativeOrder()).getLong();
        }
        return new Statistics(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
    }

    /** Encodes these counters as libzmq's STATISTICS reply (eight native-order {@code uint64_t} frames). */
    public List<byte[]> toFrames() {
        long[] values = {frontendMessagesIn, frontendBytesIn, frontendMessagesOut, frontendBytesOut,
                backendMessagesIn, backendBytesIn, backendMessagesOut, backendBytesOut};
        byte[][] frames = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(values[i]).array();
        }
        return List.of(frames);
    }

    /**
     * One JSON object without line breaks: {@code {"frontend":{"messages_in":..,"bytes_in":..,
     * "messages_out":..,"bytes_out":..},"backend":{...}}}, the counters as unsigned integers.
     */
    public String toJson() {
        return "{\"frontend\":" + side(frontendMessagesIn, frontendBytesIn, frontendMessagesOut, frontendBytesOut)
                + ",\"backend\":" + side(backendMessagesIn, backendBytesIn, backendMessagesOut, backendBytesOut) + "}";
    }

    private static String side(long messagesIn, long bytesIn, long messagesOut, long bytesOut) {
        return "{\"messages_in\":" + Long.toUnsignedString(messagesIn)
                + ",\"bytes_in\":" + Long.toUnsignedString(bytesIn)
                + ",\"messages_out\":" + Long.toUnsignedString(messagesOut)
                + ",\"bytes_out\":" + Long.toUnsignedString(bytesOut) + "}";
    }
}
