package io.github.zmqffm.internal;

import java.util.List;
import java.util.Locale;

/**
 * The running platform as the native classifier jars name it, and libzmq's file names on it.
 *
 * <p>Classifiers: {@code linux-x86_64}, {@code linux-aarch_64}, {@code osx-x86_64}, {@code osx-aarch_64},
 * {@code windows-x86_64} (the os-maven-plugin spelling that netty and gRPC use).
 */
public record Platform(String os, String arch) {

    /** The platform of this JVM. */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The platform for the given {@code os.name} and {@code os.arch} values. */
    public static Platform of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux"
                : name.startsWith("mac") || name.startsWith("darwin") ? "osx"
                : name.startsWith("windows") ? "windows"
                : name.replaceAll("[^a-z0-9]", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return new Platform(os, arch);
    }

    /** The classifier of the jar that carries libzmq for this platform, e.g. {@code linux-x86_64}. */
    public String classifier() {
        return os + "-" + arch;
    }

    /** The file name of the bundled library for this platform. */
    public String bundledFileName() {
        return switch (os) {
            case "osx" -> "libzmq.dylib";
            case "windows" -> "libzmq.dll";
            default -> "libzmq.so";
        };
    }

    /**
     * The {@code zmq_has} capabilities of the libzmq that native/build-libzmq builds for this platform (IPC is
     * off in the Windows build). A system libzmq is compared with these.
     */
    public List<String> bundledCapabilities() {
        return os.equals("windows") ? List.of("curve", "draft") : List.of("curve", "draft", "ipc");
    }

    /** The file names a system-installed libzmq has on this platform, most specific first. */
    public String[] systemFileNames() {
        return switch (os) {
            case "osx" -> new String[] {"libzmq.5.dylib", "libzmq.dylib"};
            case "windows" -> new String[] {"libzmq.dll"};
            default -> new String[] {"libzmq.so.5", "libzmq.so"};
        };
    }
}
