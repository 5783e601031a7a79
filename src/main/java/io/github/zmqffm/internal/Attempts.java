package io.github.zmqffm.internal;

import io.github.zmqffm.LibraryLoadException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the loader tried, in order, turned into one exception that says what went wrong and how to fix it. */
final class Attempts {

    private final Platform platform;
    private final List<String> lines = new ArrayList<>();
    private final List<Throwable> causes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Attempts(Platform platform) {
        this.platform = platform;
    }

    void failed(String what, Throwable cause) {
        lines.add(what + ": " + cause);
        causes.add(cause);
        String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("failed to map segment") || text.contains("operation not permitted")) {
            note("the extraction directory may be on a noexec file system: set -D"
                    + BundledLibrary.EXTRACT_DIR_PROPERTY + "=<a directory that allows executables>");
        }
        if (cause instanceof IllegalCallerException) {
            note("native access is denied: run java with " + NativeLoader.nativeAccessOption());
        }
    }

    void missing(String what) {
        lines.add(what);
    }

    void note(String fix) {
        if (!notes.contains(fix)) {
            notes.add(fix);
        }
    }

    LibraryLoadException exception() {
        StringBuilder message = new StringBuilder("could not load libzmq for ")
                .append(platform.classifier()).append(". Attempts, in order:");
        for (int i = 0; i < lines.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(lines.get(i));
        }
        message.append("\nHow to fix:");
        for (String fix : notes) {
            message.append("\n  - ").append(fix);
        }
        message.append("\n  - add io.github.zmqffm:zmq-ffm:<version>:").append(platform.classifier())
                .append(" (the native classifier jar) to the class path or module path")
                .append("\n  - or install libzmq 4.3+ (Debian: apt-get install libzmq5)")
                .append("\n  - or point -D").append(NativeLoader.LIBRARY_PATH_PROPERTY).append(" at a libzmq file");
        if (!Attempts.class.getModule().isNativeAccessEnabled()) {
            message.append("\n  - and run java with ").append(NativeLoader.nativeAccessOption());
        }
        LibraryLoadException exception = new LibraryLoadException(message.toString());
        causes.forEach(exception::addSuppressed);
        return exception;
    }
}
