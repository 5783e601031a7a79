package io.github.zmqffm;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Assertions on multipart messages, frame by frame as UTF-8 text (envelopes, routing ids, delimiters). */
public final class FrameAsserts {

    private FrameAsserts() {}

    /** The frames as UTF-8 strings; fails if {@code frames} is null (the receive timed out). */
    public static List<String> strings(Frames frames) {
        assertNotNull(frames, "no message within the receive timeout");
        List<String> strings = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            strings.add(frames.getString(i));
        }
        return strings;
    }

    /** Receives one whole message and asserts its frames ("" for an empty delimiter frame). */
    public static void assertReceives(Socket socket, String... expected) {
        assertEquals(List.of(expected), strings(socket.recvMultipart()), "frames received by " + socket);
    }
}
