package io.github.zmqffm.auth;

import io.github.zmqffm.Curve;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.Z85;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CURVE certificate: a public key, optionally its secret key, and metadata (name/value text pairs), stored in
 * czmq's ZPL certificate format, which pyzmq's {@code zmq.auth} and czmq's {@code zcert} read and write too:
 *
 * <pre>
 * metadata
 *     name = "alice"
 * curve
 *     public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *     secret-key = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&amp;4W4b!Ni{Lh6"
 * </pre>
 *
 * <p>{@link #save(Path, String)} writes the pair czmq and pyzmq use: {@code NAME.key} (public key and metadata,
 * to hand out) and {@code NAME.key_secret} (with the secret key, owner-only: mode 0600). {@link #load(Path)}
 * reads either. Immutable; {@link #toString()} never shows the secret key.
 */
public final class Certificate {

    /** The suffix czmq and pyzmq give the secret half of a certificate pair. */
    public static final String SECRET_SUFFIX = "_secret";
    /** The public file's extension in {@code zmq.auth.create_certificates}' naming, which {@link #save} follows. */
    public static final String PUBLIC_EXTENSION = ".key";

    private final String publicKey;
    private final String secretKey;
    private final Map<String, String> metadata;

    private Certificate(String publicKey, String secretKey, Map<String, String> metadata) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A certificate with a new key pair and no metadata. */
    public static Certificate create() {
        Curve.KeyPair keys = Curve.keypair();
        return new Certificate(keys.publicKey(), keys.secretKey(), Map.of());
    }

    /**
     * A certificate of a key pair (Z85). Throws {@link IllegalArgumentException} if a key is not 40 Z85
     * characters or the secret key does not belong to the public key.
     */
    public static Certificate of(Curve.KeyPair keys) {
        return new Certificate(checkKey(keys.publicKey(), "public"), checkSecret(keys.publicKey(), keys.secretKey()), Map.of());
    }

    /** A public-only certificate of a Z85 public key. Throws {@link IllegalArgumentException} for a bad key. */
    public static Certificate ofPublicKey(String publicKey) {
        return new Certificate(checkKey(publicKey, "public"), null, Map.of());
    }

    /**
     * Reads a certificate file (public or secret) in ZPL. Throws {@link UncheckedIOException} if it cannot be
     * read and {@link IllegalArgumentException}, naming the file, if it is not a certificate.
     */
    public static Certificate load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the certificate " + file, e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a certificate from ZPL text; {@link IllegalArgumentException} says what is wrong. */
    public static Certificate parse(String zpl) {
        Zpl.Node curve = null;
        Zpl.Node meta = null;
        for (Zpl.Node root : Zpl.parse(zpl)) {
            if (root.name().equals("curve") && curve == null) {
                curve = root;
            } else if (root.name().equals("metadata") && meta == null) {
                meta = root;
            }
        }
        Zpl.Node publicNode = curve == null ? null : curve.child("public-key");
        if (publicNode == null || publicNode.value() == null) {
            throw new IllegalArgumentException("no curve/public-key: not a CURVE certificate");
        }
        String publicKey = checkKey(publicNode.value(), "public");
        Zpl.Node secretNode = curve.child("secret-key");
        String secretKey = secretNode == null ? null : checkSecret(publicKey, secretNode.value());
        Map<String, String> metadata = new LinkedHashMap<>();
        if (meta != null) {
            for (Zpl.Node entry : meta.children()) {
                metadata.put(entry.name(), entry.value() == null ? "" : entry.value());
            }
        }
        return new Certificate(publicKey, secretKey, metadata);
    }

    /** The public key in Z85 (40 characters). */
    public String publicKey() {
        return publicKey;
    }

    /** The secret key in Z85, if this certificate has it. */
    public Optional<String> secretKey() {
        return Optional.ofNullable(secretKey);
    }

    /** Whether this certificate has the secret key. */
    public boolean hasSecretKey() {
        return secretKey != null;
    }

    /** The metadata, in file order; unmodifiable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** One metadata value, or null. */
    public String meta(String name) {
        return metadata.get(name);
    }

    /**
     * This certificate with one more (or a replaced) metadata entry. Throws {@link IllegalArgumentException} for a
     * name that is not ZPL (letters, digits and {@code $-_@.&+/}, at most 255) or a value with a line break or both
     * quote characters, which the file format cannot hold.
     */
    public Certificate withMeta(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (!Zpl.NAME.matcher(name).matches() || name.length() > 255) {
            throw new IllegalArgumentException("metadata name '" + name + "': use letters, digits and $-_@.&+/ (at most 255)");
        }
        if (!Zpl.isWritable(value)) {
            throw new IllegalArgumentException("metadata value of '" + name + "': no line breaks, and not both ' and \"");
        }
        Map<String, String> more = new LinkedHashMap<>(metadata);
        more.put(name, value);
        return new Certificate(publicKey, secretKey, more);
    }

    /** This certificate without its secret key. */
    public Certificate publicOnly() {
        return secretKey == null ? this : new Certificate(publicKey, null, metadata);
    }

    /**
     * Makes {@code socket} use this certificate's keys (CURVE_PUBLICKEY and CURVE_SECRETKEY), as czmq's
     * {@code zcert_apply} does; a client also needs CURVE_SERVERKEY, a server CURVE_SERVER. Throws
     * {@link IllegalStateException} for a public-only certificate.
     */
    public void apply(Socket socket) {
        if (secretKey == null) {
            throw new IllegalStateException("a public-only certificate cannot be applied to a socket: it has no secret key");
        }
        socket.set(SocketOption.CURVE_PUBLICKEY, publicKey);
        socket.set(SocketOption.CURVE_SECRETKEY, secretKey);
    }

    /**
     * Writes {@code directory/NAME.key} (public) and, if this certificate has its secret key,
     * {@code directory/NAME.key_secret} (mode 0600), as {@code zmq.auth.create_certificates} names them; returns
     * the public file. Existing files are not replaced ({@link FileAlreadyExistsException}, as an
     * {@link UncheckedIOException}).
     */
    public Path save(Path directory, String name) {
        if (name.isEmpty() || name.contains("/") || name.contains(java.io.File.separator)) {
            throw new IllegalArgumentException("certificate name '" + name + "': a file name, without a directory");
        }
        Path publicFile = directory.resolve(name + PUBLIC_EXTENSION);
        Path secretFile = directory.resolve(name + PUBLIC_EXTENSION + SECRET_SUFFIX);
        for (Path file : secretKey == null ? new Path[] {publicFile} : new Path[] {publicFile, secretFile}) {
            if (Files.exists(file)) {
                throw new UncheckedIOException(new FileAlreadyExistsException(file.toString()));
            }
        }
        if (secretKey != null) {
            saveSecret(secretFile);
        }
        savePublic(publicFile);
        return publicFile;
    }

    /** Writes the public certificate (no secret key) to {@code file}, replacing it. */
    public void savePublic(Path file) {
        write(file, toZpl(false), false);
    }

    /**
     * Writes the secret certificate to {@code file}, replacing it, readable and writable by the owner only
     * (0600 where the file system has POSIX permissions). Throws {@link IllegalStateException} if this
     * certificate has no secret key.
     */
    public void saveSecret(Path file) {
        if (secretKey == null) {
            throw new IllegalStateException("this certificate has no secret key");
        }
        write(file, toZpl(true), true);
    }

    /** The certificate in ZPL, with or without the secret key. */
    public String toZpl(boolean withSecretKey) {
        if (withSecretKey && secretKey == null) {
            throw new IllegalStateException("this certificate has no secret key");
        }
        StringBuilder text = new StringBuilder()
                .append("#   ****  Generated on ").append(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" by zmq-ffm  ****\n");
        if (withSecretKey) {
            text.append("#   ZeroMQ CURVE **Secret** Certificate\n")
                    .append("#   Keep it to yourself: whoever holds it can act as its owner.\n");
        } else {
            text.append("#   ZeroMQ CURVE Public Certificate\n")
                    .append("#   Give it to the peers that should know this key; check it arrived unchanged.\n");
        }
        text.append("\nmetadata\n");
        metadata.forEach((name, value) -> text.append("    ").append(name).append(" = ").append(Zpl.quote(value)).append('\n'));
        text.append("curve\n    public-key = \"").append(publicKey).append("\"\n");
        if (withSecretKey) {
            text.append("    secret-key = \"").append(secretKey).append("\"\n");
        }
        return text.toString();
    }

    // Through a temporary file in the same directory and a rename, so a reader (a certificate store) never
    // sees half a file; a secret file is created owner-only, never readable by others even for a moment.
    private static void write(Path file, String text, boolean secret) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
            temporary = posix
                    ? Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")))
                    : Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            if (posix) {
                // createTempFile's permissions pass through the umask: set them exactly.
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the write already failed
                }
            }
        }
    }

    private static String checkKey(String key, String which) {
        if (key == null || key.length() != 40) {
            throw new IllegalArgumentException("the " + which + " key is not 40 Z85 characters");
        }
        try {
            Z85.decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + which + " key is not valid Z85");  // without the key itself
        }
        return key;
    }

    private static String checkSecret(String publicKey, String secretKey) {
        checkKey(secretKey, "secret");
        if (!Curve.publicKey(secretKey).equals(publicKey)) {
            throw new IllegalArgumentException("the secret key does not belong to the public key " + publicKey);
        }
        return secretKey;
    }

    /** Equal when the keys and the metadata are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Certificate that && publicKey.equals(that.publicKey)
                && Objects.equals(secretKey, that.secretKey) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "Certificate[publicKey=" + publicKey + (secretKey == null ? "" : ", secretKey=(hidden)")
                + (metadata.isEmpty() ? "" : ", metadata=" + metadata) + "]";
    }
}
