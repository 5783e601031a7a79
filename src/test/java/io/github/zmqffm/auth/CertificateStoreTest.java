package io.github.zmqffm.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A directory of certificates: what counts, and reloading when it changes. */
class CertificateStoreTest {

    @TempDir
    Path dir;

    @Test
    void publicCertificatesCountSecretHalvesAndOtherFilesDoNot() throws Exception {
        Certificate a = Certificate.create().withMeta("name", "a");
        Certificate b = Certificate.create();
        a.save(dir, "a");                            // a.key and a.key_secret
        b.publicOnly().savePublic(dir.resolve("b.cert"));  // czmq lets any name be a certificate
        Files.writeString(dir.resolve("README"), "not a certificate");
        Files.writeString(dir.resolve(".hidden"), "ignored");
        Files.createDirectory(dir.resolve("sub"));
        CertificateStore store = CertificateStore.of(dir);
        assertEquals(Set.of(a.publicKey(), b.publicKey()),
                store.certificates().stream().map(Certificate::publicKey).collect(Collectors.toSet()));
        assertEquals(Optional.of(a.publicOnly()), store.lookup(a.publicKey()));
        assertTrue(store.certificates().stream().noneMatch(Certificate::hasSecretKey), "secret keys kept in a store");
    }

    @Test
    void changesAreSeenAtTheNextLookup() throws Exception {
        Path clients = dir.resolve("clients");
        CertificateStore store = CertificateStore.of(clients);  // absent: empty
        Certificate c = Certificate.create();
        assertEquals(Optional.empty(), store.lookup(c.publicKey()));
        Files.createDirectory(clients);
        Path file = c.publicOnly().save(clients, "c");
        assertEquals(c.publicKey(), store.lookup(c.publicKey()).orElseThrow().publicKey());
        Certificate renamed = c.publicOnly().withMeta("name", "renamed");
        renamed.savePublic(file);
        assertEquals("renamed", store.lookup(c.publicKey()).orElseThrow().meta("name"));
        Files.delete(file);
        assertEquals(Optional.empty(), store.lookup(c.publicKey()));
    }

    @Test
    void aPathThatIsNotADirectoryFails() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(UncheckedIOException.class, () -> CertificateStore.of(file));
    }
}
