package io.github.zmqffm.auth;

import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ZAP wire protocol as a handler sees it: requests sent by hand to the authenticator's REP socket. */
class ZapServiceTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void aWellFormedRequestGetsTheSixReplyFrames() {
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().plainPasswords(Map.of("admin", "pw")));
             Socket libzmq = zmq.socket(SocketType.REQ)) {
            libzmq.connect(Authenticator.ZAP_ENDPOINT);
            Frames reply = ask(libzmq, "1.0", "42", "", "127.0.0.1", "", "PLAIN", "admin", "pw");
            assertEquals(List.of("1.0", "42", "200", "OK", "admin", ""), texts(reply));
            reply = ask(libzmq, "1.0", "43", "", "127.0.0.1", "", "PLAIN", "admin", "nope");
            assertEquals(List.of("1.0", "43", "400"), texts(reply).subList(0, 3));
            assertEquals("", reply.getString(4), "no User-Id for a refused peer");
            assertEquals(1, auth.statistics().allowed(Mechanism.PLAIN));
            assertEquals(1, auth.statistics().denied(Mechanism.PLAIN));
        }
    }

    @Test
    void malformedRequestsGet500AndAreCounted() {
        try (Authenticator auth = Authenticator.start(zmq.context());
             Socket libzmq = zmq.socket(SocketType.REQ)) {
            libzmq.connect(Authenticator.ZAP_ENDPOINT);
            assertEquals(List.of("1.0", "7", "500"), texts(ask(libzmq, "1.0", "7", "", "127.0.0.1", "", "FOO")).subList(0, 3));
            assertEquals(List.of("1.0", "8", "500"), texts(ask(libzmq, "2.0", "8", "", "127.0.0.1", "", "NULL")).subList(0, 3));
            assertEquals(List.of("1.0", "9", "500"), texts(ask(libzmq, "1.0", "9", "", "127.0.0.1", "", "PLAIN", "x")).subList(0, 3));
            assertEquals(List.of("1.0", "", "500"), texts(ask(libzmq, "1.0")).subList(0, 3));
            Frames shortKey = ask(libzmq, "1.0", "10", "", "127.0.0.1", "", "CURVE", "not 32 bytes");
            assertEquals("500", shortKey.getString(2));
            AuthStatistics stats = auth.statistics();
            assertEquals(5, stats.internalErrors(), stats.toJson());
            assertEquals(1, stats.denied(Mechanism.NULL), "the wrong version named a mechanism");
        }
    }

    @Test
    void curveMetadataIsEncodedAsZmtpProperties() {
        Certificate client = Certificate.create().withMeta("name", "dave").withMeta("Identity", "spoof");
        try (Authenticator _ = Authenticator.start(zmq.context(), Policy.create().curveKeys(List.of(client.publicKey())));
             Socket libzmq = zmq.socket(SocketType.REQ)) {
            libzmq.connect(Authenticator.ZAP_ENDPOINT);
            byte[] key = io.github.zmqffm.Z85.decode(client.publicKey());
            libzmq.sendMore("1.0");
            libzmq.sendMore("1");
            libzmq.sendMore("");
            libzmq.sendMore("127.0.0.1");
            libzmq.sendMore("");
            libzmq.sendMore("CURVE");
            libzmq.send(key);
            Frames reply = libzmq.recvMultipart();
            assertEquals(List.of("1.0", "1", "200", "OK", client.publicKey(), ""), texts(reply));
            // name length, name, 4-byte big-endian value length, value; Identity would be dropped
            assertArrayEquals(new byte[] {4, 'n', 'a', 'm', 'e', 0, 0, 0, 4, 'd', 'a', 'v', 'e'},
                    ZapMetadata.encode(client.metadata()));
        }
    }

    @Test
    void everyDecisionIsLoggedWithoutPasswords() {
        Logger logger = Logger.getLogger(Authenticator.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try (Authenticator _ = Authenticator.start(zmq.context(), Policy.create().plainPasswords(Map.of("admin", "hunter2")));
             Socket libzmq = zmq.socket(SocketType.REQ)) {
            libzmq.connect(Authenticator.ZAP_ENDPOINT);
            ask(libzmq, "1.0", "1", "intranet", "10.1.2.3", "", "PLAIN", "admin", "hunter2");
            ask(libzmq, "1.0", "2", "intranet", "10.1.2.3", "", "PLAIN", "admin", "letmein");
            ask(libzmq, "1.0", "3", "", "10.1.2.4", "", "NULL");
            ask(libzmq, "1.0", "4", "", "10.1.2.5", "", "PLAIN", "evil\nINFO ZAP allowed", "x");
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        List<String> lines;
        synchronized (capture) {
            lines = records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
        }
        assertTrue(lines.contains("FINE ZAP allowed PLAIN from 10.1.2.3: user 'admin' (domain 'intranet'), User-Id 'admin'"),
                lines.toString());
        assertTrue(lines.contains("INFO ZAP denied PLAIN from 10.1.2.3: wrong password for user 'admin' (domain 'intranet')"),
                lines.toString());
        assertTrue(lines.contains("FINE ZAP allowed NULL from 10.1.2.4"), lines.toString());
        assertTrue(lines.contains("INFO ZAP denied PLAIN from 10.1.2.5: unknown user 'evil?INFO ZAP allowed'"), lines.toString());
        assertFalse(lines.toString().contains("hunter2") || lines.toString().contains("letmein"), lines.toString());
    }

    private static Frames ask(Socket socket, String... frames) {
        List<byte[]> request = new ArrayList<>();
        for (String frame : frames) {
            request.add(frame.getBytes(StandardCharsets.UTF_8));
        }
        socket.sendMultipart(request);
        Frames reply = socket.recvMultipart();
        assertTrue(reply != null, "no reply");
        return reply;
    }

    private static List<String> texts(Frames frames) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            texts.add(frames.getString(i));
        }
        return texts;
    }
}
