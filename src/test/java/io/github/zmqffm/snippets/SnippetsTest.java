package io.github.zmqffm.snippets;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the javadoc's {@code {@snippet}} examples ({@link ApiSnippets}) and checks what they print. */
class SnippetsTest {

    @Test
    void requestReply() {
        assertEquals(List.of("server got Hello", "client got World"), printed(ApiSnippets::requestReply));
    }

    @Test
    void zeroCopy() {
        assertEquals(List.of("received 42"), printed(ApiSnippets::zeroCopy));
    }

    @Test
    void queueDevice() {
        assertEquals(List.of("client got job done"), printed(ApiSnippets::queueDevice));
    }

    private static List<String> printed(Runnable snippet) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            snippet.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
