package io.github.zmqffm.tools;

import io.github.zmqffm.auth.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zmqffm cert new} and {@code cert show}, run in this JVM. */
class CertCommandTest {

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one command line. */
    private record Run(int code, String out, String err) {}

    @Test
    void newWritesThePairWithMetadataAndShowPrintsItWithoutTheSecret() throws Exception {
        Path certs = dir.resolve("certs");
        Run made = run("cert", "new", "alice", "--dir", certs.toString(), "--meta", "name=Alice Smith", "--meta", "user-id=alice");
        assertEquals(0, made.code(), made.err());
        Certificate secret = Certificate.load(certs.resolve("alice.key_secret"));
        assertEquals(List.of("public: " + certs.resolve("alice.key"), "secret: " + certs.resolve("alice.key_secret"), "public-key: " + secret.publicKey()), made.out().lines().toList());
        assertEquals(Map.of("name", "Alice Smith", "user-id", "alice"), Certificate.load(certs.resolve("alice.key")).metadata());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("alice.key_secret"))));

        Run shown = run("cert", "show", certs.resolve("alice.key_secret").toString());
        assertEquals(0, shown.code(), shown.err());
        assertEquals(List.of("file: " + certs.resolve("alice.key_secret"), "public-key: " + secret.publicKey(),
                "secret-key: present (not shown)", "metadata:", "    name = Alice Smith", "    user-id = alice"),
                shown.out().lines().toList());
        assertFalse(shown.out().contains(secret.secretKey().orElseThrow()));
        assertTrue(run("cert", "show", certs.resolve("alice.key").toString()).out().contains("secret-key: absent"));
    }

    @Test
    void existingFilesBadMetadataAndNonCertificatesAreRefused() throws Exception {
        assertEquals(0, run("cert", "new", "x", "--dir", dir.toString()).code());
        Run again = run("cert", "new", "x", "--dir", dir.toString());
        assertEquals(1, again.code());
        assertEquals("zmqffm cert new: " + dir.resolve("x.key") + " exists already (not replaced)", again.err().strip());
        Run badMeta = run("cert", "new", "y", "--dir", dir.toString(), "--meta", "two words=x");
        assertEquals(2, badMeta.code());
        assertTrue(badMeta.err().startsWith("zmqffm cert new: metadata name 'two words'"), badMeta.err());
        Run notACertificate = run("cert", "show", Files.writeString(dir.resolve("notes"), "hello\n").toString());
        assertEquals(1, notACertificate.code());
        assertTrue(notACertificate.err().startsWith("zmqffm cert show: " + dir.resolve("notes") + ": no curve/public-key"),
                notACertificate.err());
        assertEquals(1, run("cert", "show", dir.resolve("absent").toString()).code());
    }

    @Test
    void pyzmqLoadsWhatCertNewWrote() throws Exception {
        assertEquals(0, run("cert", "new", "dave", "--dir", dir.toString(), "--meta", "name=Dave").code());
        Certificate written = Certificate.load(dir.resolve("dave.key_secret"));
        // Debian's python3 with python3-zmq, as the interop tests use it (scripts/install-deps installs it).
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", "import sys, zmq.auth\n"
                + "for name in sys.argv[1:]:\n"
                + "    public, secret = zmq.auth.load_certificate(name)\n"
                + "    print(public.decode(), secret.decode() if secret else None)\n"
                + "print(*sorted(key.decode() for key in zmq.auth.load_certificates(sys.argv[1].rsplit('/', 1)[0])))",
                dir.resolve("dave.key").toString(), dir.resolve("dave.key_secret").toString()).redirectErrorStream(true).start();
        String output;
        try {
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python did not finish within 30 s");
            output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            python.destroyForcibly();
        }
        assertEquals(0, python.exitValue(), output);
        assertEquals(List.of(written.publicKey() + " None", written.publicKey() + " " + written.secretKey().orElseThrow(),
                written.publicKey()), output.lines().toList());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setParameterExceptionHandler(new UsageErrors())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
