package io.github.zmqffm.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The libzmq carried by a classifier jar under {@code META-INF/native/<classifier>/}, with its SHA-256 and
 * version, and its extraction to a directory named after both so that any number of JVMs can share it.
 *
 * <p>Extraction writes a temporary file in the target directory, checks its SHA-256 and renames it into
 * place atomically: JVMs starting together each end with the same complete file, and an existing file is
 * reused only when its checksum matches.
 *
 * <p>The classifier jar is found on the class path, or on the module path even when no module requires it (an
 * automatic module that nothing requires is not resolved, so its class loader does not see it).
 */
public final class BundledLibrary {

    /** System property: the directory that bundled libraries are extracted under. */
    public static final String EXTRACT_DIR_PROPERTY = "zmqffm.extract.dir";

    private final String resourceDir;
    private final String fileName;
    private final ClassLoader classLoader;

    BundledLibrary(Platform platform, ClassLoader classLoader) {
        this.resourceDir = "META-INF/native/" + platform.classifier() + "/";
        this.fileName = platform.bundledFileName();
        this.classLoader = classLoader;
    }

    /** The class-path resource of the library, e.g. {@code META-INF/native/linux-x86_64/libzmq.so}. */
    String resourceName() {
        return resourceDir + fileName;
    }

    /** Whether the class path or the module path holds the library for this platform. */
    boolean present() {
        return locate(resourceName()) != null;
    }

    /** The directory that extracted libraries live under: the property, or a per-user one in the temp dir. */
    static Path extractionRoot() {
        String configured = System.getProperty(EXTRACT_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "zmq-ffm-" + System.getProperty("user.name", "user"));
    }

    /** Extracts the library (or reuses an identical earlier extraction) and returns its path. */
    Path extract() throws IOException {
        String sha256 = expectedSha256();
        String version = readProperties().getProperty("version", "unknown");
        Path root = extractionRoot();
        Files.createDirectories(root);
        requireOwnedByUs(root);
        Path dir = root.resolve("libzmq-" + version + "-" + sha256.substring(0, 16));
        Path target = dir.resolve(fileName);
        if (Files.isRegularFile(target) && sha256(target).equals(sha256)) {
            return target;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, fileName, ".tmp");
        try {
            try (InputStream in = open(resourceName())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = sha256(tmp);
            if (!actual.equals(sha256)) {
                throw new IOException("the bundled " + resourceName() + " has SHA-256 " + actual
                        + " but its .sha256 file says " + sha256 + ": the classifier jar is damaged");
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // Windows cannot replace a library another JVM has open; that file has the same checksum.
            if (!Files.isRegularFile(target)) {
                throw e;
            }
        }
    }

    // A shared temp dir must not let another user plant the library we are about to load.
    private static void requireOwnedByUs(Path root) throws IOException {
        if (!root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        String owner = Files.getOwner(root).getName();
        String user = System.getProperty("user.name");
        if (user != null && !owner.equals(user)) {
            throw new IOException("the extraction directory " + root + " belongs to " + owner + ", not " + user
                    + "; set -D" + EXTRACT_DIR_PROPERTY + "=<a directory of yours>");
        }
    }

    /** The library's expected SHA-256, as the classifier jar records it. */
    String expectedSha256() throws IOException {
        return readText(resourceDir + fileName + ".sha256").strip();
    }

    private Properties readProperties() throws IOException {
        Properties properties = new Properties();
        URL url = locate(resourceDir + "libzmq.properties");
        if (url != null) {
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
        }
        return properties;
    }

    private String readText(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private InputStream open(String resource) throws IOException {
        URL url = locate(resource);
        if (url == null) {
            throw new IOException("resource " + resource + " is missing from the classifier jar");
        }
        return url.openStream();
    }

    /** The resource from the class loader (class path, resolved modules), else from a jar on the module path. */
    private URL locate(String resource) {
        URL url = classLoader.getResource(resource);
        return url != null ? url : onModulePath(resource);
    }

    private static URL onModulePath(String resource) {
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null || modulePath.isBlank()) {
            return null;
        }
        for (String entry : modulePath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                for (ModuleReference module : ModuleFinder.of(Path.of(entry)).findAll()) {
                    try (ModuleReader reader = module.open()) {
                        Optional<URI> found = reader.find(resource);
                        if (found.isPresent()) {
                            return found.get().toURL();
                        }
                    }
                }
            } catch (FindException | IOException | IllegalArgumentException e) {
                // An entry that is not a readable module cannot hold the library; the JVM reports it itself.
            }
        }
        return null;
    }

    /** The lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
