package io.github.zmqffm;

import java.nio.file.Path;

/**
 * The native libzmq this JVM loaded: which file, and why that one.
 *
 * @param path   the file that was loaded
 * @param source how it was chosen
 * @param detail a sentence that explains the choice, e.g. the property value or the extraction directory
 */
public record LoadedLibrary(Path path, Source source, String detail) {

    /** How the loader chose the library, in the order it tries them. */
    public enum Source {
        /** The file named by the {@code zmqffm.library.path} system property. */
        PROPERTY,
        /** The library bundled in the platform's classifier jar, extracted to a versioned directory. */
        BUNDLED,
        /** A libzmq installed on the system (e.g. Debian's {@code libzmq5}). */
        SYSTEM
    }

    @Override
    public String toString() {
        return path + " (" + source.name().toLowerCase(java.util.Locale.ROOT) + ": " + detail + ")";
    }
}
