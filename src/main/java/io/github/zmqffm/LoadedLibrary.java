package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The native libzmq this JVM loaded: which file, why that one, and what it lacks compared with the bundled one.
 *
 * @param path    the file that was loaded
 * @param source  how it was chosen
 * @param detail  a sentence that explains the choice, e.g. the property value or the extraction directory
 * @param missing the capabilities ({@link Zmq#has(String)} names) the bundled libzmq of this platform has and this
 *                one lacks, e.g. {@code [draft]} for a distribution's libzmq; empty for the bundled one
 */
public record LoadedLibrary(Path path, Source source, String detail, List<String> missing) {

    /** How the loader chose the library, in the order it tries them. */
    public enum Source {
        /** The file named by the {@code zmqffm.library.path} system property. */
        PROPERTY,
        /** The library bundled in the platform's classifier jar, extracted to a versioned directory. */
        BUNDLED,
        /** A libzmq installed on the system (e.g. Debian's {@code libzmq5}). */
        SYSTEM
    }

    /** Copies {@code missing}, so that the record stays immutable. */
    public LoadedLibrary {
        missing = List.copyOf(missing);
    }

    /**
     * For a system libzmq (the fallback when the classifier jar is missing) or one that lacks capabilities: one
     * sentence naming the file, what it lacks compared with the bundled libzmq and how to get the bundled one.
     * The loader logs it once (System.Logger, WARNING when something is missing); {@code zmqffm doctor} prints it.
     */
    public Optional<String> warning() {
        if (source != Source.SYSTEM && missing.isEmpty()) {
            return Optional.empty();
        }
        Platform platform = Platform.current();
        String lacks = missing.isEmpty() ? "it lacks nothing of"
                : "it lacks " + String.join(", ", missing) + " compared with";
        return Optional.of("zmq-ffm is using the " + source.name().toLowerCase(java.util.Locale.ROOT) + " libzmq "
                + path + ", not the bundled one: " + lacks + " the bundled libzmq (" + String.join(", ",
                platform.bundledCapabilities()) + "). To use the bundled one, add io.github.zmqffm:zmq-ffm:<version>:"
                + platform.classifier() + " (the native classifier jar) to the class path or module path.");
    }

    @Override
    public String toString() {
        return path + " (" + source.name().toLowerCase(java.util.Locale.ROOT) + ": " + detail + ")";
    }
}
