package io.github.zmqffm.auth;

import io.github.zmqffm.Curve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificates in czmq's ZPL format: writing, reading, permissions, and what is refused. */
class CertificateTest {

    @TempDir
    Path dir;

    @Test
    void savedPairReadsBackWithKeysAndMetadata() throws Exception {
        Certificate original = Certificate.create().withMeta("name", "Alice Smith").withMeta("email", "alice@example.org")
                .withMeta("motto", "say \"hi\"");
        Path publicFile = original.save(dir, "alice");
        assertEquals(dir.resolve("alice.key"), publicFile);
        Path secretFile = dir.resolve("alice.key_secret");
        Certificate secret = Certificate.load(secretFile);
        assertEquals(original, secret);
        Certificate publicOnly = Certificate.load(publicFile);
        assertEquals(original.publicOnly(), publicOnly);
        assertFalse(publicOnly.hasSecretKey());
        assertEquals(List.of("name", "email", "motto"), List.copyOf(publicOnly.metadata().keySet()));
        assertEquals("say \"hi\"", publicOnly.meta("motto"));
        assertFalse(Files.readString(publicFile).contains(original.secretKey().orElseThrow()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(publicFile)));
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void readsCzmqAndPyzmqSpellings() {
        Curve.KeyPair keys = Curve.keypair();
        String czmq = "#   ****  Generated on 2024-01-01 by CZMQ  ****\n\nmetadata\n    name = \"czmq peer\"\n"
                + "    empty\ncurve\n    public-key = \"" + keys.publicKey() + "\"\n    secret-key = '" + keys.secretKey() + "'\n";
        Certificate fromCzmq = Certificate.parse(czmq);
        assertEquals(keys.publicKey(), fromCzmq.publicKey());
        assertEquals(keys.secretKey(), fromCzmq.secretKey().orElseThrow());
        assertEquals(Map.of("name", "czmq peer", "empty", ""), fromCzmq.metadata());
        // pyzmq writes metadata values without quotes; czmq reads them up to a comment.
        String pyzmq = "metadata\n    owner = Bob the Builder   # a comment\ncurve\n    public-key = \"" + keys.publicKey() + "\"\n";
        assertEquals("Bob the Builder", Certificate.parse(pyzmq).meta("owner"));
        assertEquals(keys.publicKey(), Certificate.parse("curve\r\n    public-key = \"" + keys.publicKey() + "\"\r\n").publicKey());
    }

    @Test
    void refusesWhatIsNotACertificate() {
        Curve.KeyPair keys = Curve.keypair();
        Curve.KeyPair other = Curve.keypair();
        assertMessage("no curve/public-key", () -> Certificate.parse("metadata\n    name = \"x\"\n"));
        assertMessage("the public key is not 40 Z85 characters", () -> Certificate.parse("curve\n    public-key = \"abc\"\n"));
        assertMessage("line 2: indent each level by 4 spaces", () -> Certificate.parse("curve\n  public-key = \"x\"\n"));
        assertMessage("line 2: the quoted value does not end", () -> Certificate.parse("curve\n    public-key = \"abc\n"));
        String mismatched = "curve\n    public-key = \"" + keys.publicKey() + "\"\n    secret-key = \"" + other.secretKey() + "\"\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Certificate.parse(mismatched));
        assertTrue(e.getMessage().startsWith("the secret key does not belong"), e.getMessage());
        assertFalse(e.getMessage().contains(other.secretKey()), "a secret key in an error message");
        String badSecret = "curve\n    public-key = \"" + keys.publicKey() + "\"\n    secret-key = \"" + "\u00e9".repeat(40) + "\"\n";
        IllegalArgumentException z85 = assertThrows(IllegalArgumentException.class, () -> Certificate.parse(badSecret));
        assertEquals("the secret key is not valid Z85", z85.getMessage());
    }

    @Test
    void metadataTheFormatCannotHoldIsRefused() {
        Certificate certificate = Certificate.create();
        assertThrows(IllegalArgumentException.class, () -> certificate.withMeta("two words", "x"));
        assertThrows(IllegalArgumentException.class, () -> certificate.withMeta("name", "line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> certificate.withMeta("name", "both ' and \""));
        assertEquals("it's", Certificate.parse(certificate.withMeta("name", "it's").toZpl(false)).meta("name"));
    }

    @Test
    void existingFilesAreNotReplacedAndSecretsNotShown() {
        Certificate certificate = Certificate.create();
        certificate.save(dir, "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Certificate.create().save(dir, "x"));
        assertInstanceOf(FileAlreadyExistsException.class, e.getCause());
        assertEquals(certificate, Certificate.load(dir.resolve("x.key_secret")));
        assertFalse(certificate.toString().contains(certificate.secretKey().orElseThrow()), certificate.toString());
        assertThrows(IllegalArgumentException.class, () -> certificate.save(dir, "../escape"));
        assertThrows(IllegalStateException.class, () -> certificate.publicOnly().saveSecret(dir.resolve("y")));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
