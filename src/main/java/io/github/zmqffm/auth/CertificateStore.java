package io.github.zmqffm.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CURVE certificates in a directory, as czmq's {@code zcertstore} keeps them: every regular file whose name
 * neither starts with {@code .} nor ends with {@code _secret} is read as a certificate (so {@code NAME.key}
 * files from {@code zmqffm cert new}, pyzmq or czmq all count, and their secret halves never do). The directory
 * may be absent (no certificates) and created later. Each {@link #lookup} first checks the directory listing
 * (names, sizes, modification times) and reads the files again if it changed, so a client added or removed
 * counts from its next handshake, without a restart. A file that is not a certificate is skipped with a warning.
 * Thread-safe.
 */
public final class CertificateStore {

    private static final System.Logger LOG = System.getLogger(CertificateStore.class.getName());

    private final Path directory;
    private FileStamp stamp;                      // guarded by this
    private Map<String, Certificate> byPublicKey;  // guarded by this

    private CertificateStore(Path directory) {
        this.directory = directory;
    }

    /**
     * A store over {@code directory}, read now. Throws {@link UncheckedIOException} if the path exists but
     * cannot be listed (not a directory, no permission).
     */
    public static CertificateStore of(Path directory) {
        CertificateStore store = new CertificateStore(directory);
        store.certificates();
        return store;
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /**
     * The certificate with this Z85 public key, after reloading the directory if it changed. Throws
     * {@link UncheckedIOException} if the directory cannot be listed now.
     */
    public Optional<Certificate> lookup(String publicKey) {
        return Optional.ofNullable(current().get(publicKey));
    }

    /** All certificates, after reloading the directory if it changed; as {@link #lookup} for errors. */
    public List<Certificate> certificates() {
        return List.copyOf(current().values());
    }

    private synchronized Map<String, Certificate> current() {
        FileStamp now;
        try {
            now = FileStamp.ofDirectory(directory, CertificateStore::isPublicCertificateName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the certificate directory " + directory, e);
        }
        if (!now.equals(stamp)) {
            byPublicKey = load(now);
            stamp = now;
            LOG.log(System.Logger.Level.DEBUG, () -> "certificate store " + directory + ": " + byPublicKey.size()
                    + " certificate(s) loaded");
        }
        return byPublicKey;
    }

    private Map<String, Certificate> load(FileStamp listing) {
        Map<String, Certificate> certificates = new LinkedHashMap<>();
        for (FileStamp.Entry entry : listing.entries()) {
            Path file = entry.file();
            try {
                Certificate certificate = Certificate.load(file).publicOnly();
                certificates.putIfAbsent(certificate.publicKey(), certificate);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, "certificate store: skipping " + (e instanceof UncheckedIOException u
                        ? file + ": " + u.getCause() : e.getMessage()));
            }
        }
        return Collections.unmodifiableMap(certificates);
    }

    private static boolean isPublicCertificateName(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith(Certificate.SECRET_SUFFIX);
    }

    @Override
    public String toString() {
        return "CertificateStore[" + directory + "]";
    }
}
