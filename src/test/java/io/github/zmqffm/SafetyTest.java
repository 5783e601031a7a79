package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checked thread mode and the leak cleaner. */
class SafetyTest {

    @Test
    void checkedModeRefusesCrossThreadUseNamingBothThreads() throws Exception {
        ChildJvm.Result checked = ChildJvm.finish(ChildJvm.start(List.of("-Dzmqffm.checkThreads=true"), ThreadCheckProbe.class));
        assertEquals(0, checked.exitCode(), checked.stderr());
        assertTrue(checked.stdout().contains("refused: this PUSH socket belongs to thread 'creator' and is used from thread 'intruder'"),
                checked.stdout());

        ChildJvm.Result unchecked = ChildJvm.finish(ChildJvm.start(List.of(), ThreadCheckProbe.class));
        assertEquals("allowed", unchecked.stdout().strip(), unchecked.stderr());
    }

    @Test
    void aLeakedSocketIsClosedAndLoggedWithWhereItWasCreated() throws InterruptedException {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Socket.class.getName());
        logger.addHandler(handler);
        try (Context context = new Context()) {
            leakASocket(context);
            for (int i = 0; i < 100 && context.openSockets() > 0; i++) {
                System.gc();
                Thread.sleep(50);
            }
            assertEquals(0, context.openSockets(), "the cleaner did not close the leaked socket");
            LogRecord record = records.stream().filter(r -> r.getMessage().contains("never closed")).findFirst()
                    .orElseThrow(() -> new AssertionError("no leak warning logged: " + records));
            boolean createdHere = java.util.Arrays.stream(record.getThrown().getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("leakASocket"));
            assertTrue(createdHere, "the warning does not show where the socket was created");
        } finally {
            logger.removeHandler(handler);
        }
    }

    private static void leakASocket(Context context) {
        context.socket(SocketType.DEALER).connect("inproc://leak");
    }
}
