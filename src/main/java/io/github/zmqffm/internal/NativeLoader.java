package io.github.zmqffm.internal;

import io.github.zmqffm.LibraryLoadException;
import io.github.zmqffm.LoadedLibrary;
import io.github.zmqffm.lib.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds and loads libzmq once per JVM, so that the generated bindings (which look symbols up through the
 * class loader's libraries) resolve against it.
 *
 * <p>Order: the file named by {@code -Dzmqffm.library.path} (when set, nothing else is tried: a wrong
 * explicit path is an error, not a reason to silently load another library), then the library bundled in
 * this platform's classifier jar, then a system libzmq. Each candidate is opened and checked
 * ({@code zmq_version() >= 4.3}) before it is loaded for good, so a bad file never reaches the bindings.
 * If nothing works, one {@link LibraryLoadException} lists every attempt and the fix.
 *
 * <p>A system libzmq is a fallback: loading one logs a warning, once, naming the file and what it lacks compared
 * with the bundled build (typically drafts), and {@link LoadedLibrary#warning()} says the same.
 */
public final class NativeLoader {

    /** System property: an explicit libzmq file to load instead of the bundled or system one. */
    public static final String LIBRARY_PATH_PROPERTY = "zmqffm.library.path";

    private static final int MIN_MAJOR = 4;
    private static final int MIN_MINOR = 3;
    private static final long ZMQ_MSG_T_SIZE = 64;
    private static final System.Logger LOG = System.getLogger(NativeLoader.class.getName());

    private static LoadedLibrary loaded;
    private static LibraryLoadException failure;

    private NativeLoader() {}

    /** Loads libzmq on first call and returns what was loaded; later calls return the same answer. */
    public static synchronized LoadedLibrary ensureLoaded() {
        if (loaded == null && failure == null) {
            try {
                loaded = load(Platform.current(), NativeLoader.class.getClassLoader());
                if (loaded.source() == LoadedLibrary.Source.SYSTEM) {
                    LOG.log(loaded.missing().isEmpty() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                            loaded.warning().orElseThrow());
                }
            } catch (LibraryLoadException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return loaded;
    }

    private static LoadedLibrary load(Platform platform, ClassLoader classLoader) {
        Attempts attempts = new Attempts(platform);
        String explicit = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit).toAbsolutePath();
            try {
                return loadFile(path, LoadedLibrary.Source.PROPERTY, "-D" + LIBRARY_PATH_PROPERTY + "=" + explicit);
            } catch (Exception | LinkageError e) {
                attempts.failed("-D" + LIBRARY_PATH_PROPERTY + "=" + explicit, e);
                attempts.note("the bundled and system libraries were not tried because " + LIBRARY_PATH_PROPERTY
                        + " is set; fix or remove it");
                throw attempts.exception();
            }
        }

        BundledLibrary bundled = new BundledLibrary(platform, classLoader);
        if (bundled.present()) {
            try {
                Path path = bundled.extract();
                return loadFile(path, LoadedLibrary.Source.BUNDLED,
                        "extracted from " + bundled.resourceName() + " under " + BundledLibrary.extractionRoot());
            } catch (Exception | LinkageError e) {
                attempts.failed("bundled " + bundled.resourceName(), e);
            }
        } else {
            attempts.missing("bundled " + bundled.resourceName() + ": not on the class path or module path (the "
                    + "classifier jar zmq-ffm-<version>-" + platform.classifier() + ".jar is missing)");
        }

        List<Path> searched = new ArrayList<>();
        for (Path dir : systemDirectories(platform)) {
            for (String name : platform.systemFileNames()) {
                Path candidate = dir.resolve(name);
                searched.add(candidate);
                if (Files.isRegularFile(candidate)) {
                    try {
                        return loadFile(candidate.toRealPath(), LoadedLibrary.Source.SYSTEM, "found at " + candidate);
                    } catch (Exception | LinkageError e) {
                        attempts.failed("system " + candidate, e);
                    }
                }
            }
        }
        attempts.missing("system libzmq: none of " + searched.size() + " candidates exists (" + searched + ")");
        throw attempts.exception();
    }

    private static LoadedLibrary loadFile(Path path, LoadedLibrary.Source source, String detail) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        List<String> capabilities = checkVersion(path);
        System.load(path.toString());
        if (zmq_msg_t.layout().byteSize() != ZMQ_MSG_T_SIZE) {
            throw new IllegalStateException("the generated zmq_msg_t is " + zmq_msg_t.layout().byteSize()
                    + " bytes, libzmq's ABI needs " + ZMQ_MSG_T_SIZE);
        }
        List<String> missing = Platform.current().bundledCapabilities().stream()
                .filter(capability -> !capabilities.contains(capability)).toList();
        return new LoadedLibrary(path, source, detail, missing);
    }

    /** The command-line option that gives this library native access: its module's name, or ALL-UNNAMED. */
    static String nativeAccessOption() {
        Module module = NativeLoader.class.getModule();
        return "--enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
    }

    // Opens the file on its own (and closes it again) to read zmq_version() before committing to it; returns
    // the capabilities (zmq_has) that the bundled build has and this file may lack.
    private static List<String> checkVersion(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lookup = SymbolLookup.libraryLookup(path, arena);
            MemorySegment address = lookup.find("zmq_version")
                    .orElseThrow(() -> new IllegalArgumentException(path + " is not libzmq: it has no zmq_version"));
            MethodHandle zmqVersion = Linker.nativeLinker().downcallHandle(address,
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            MemorySegment parts = arena.allocate(ValueLayout.JAVA_INT, 3);
            zmqVersion.invokeExact(parts, parts.asSlice(4), parts.asSlice(8));
            int major = parts.getAtIndex(ValueLayout.JAVA_INT, 0);
            int minor = parts.getAtIndex(ValueLayout.JAVA_INT, 1);
            if (major < MIN_MAJOR || (major == MIN_MAJOR && minor < MIN_MINOR)) {
                throw new IllegalArgumentException(path + " is libzmq " + major + "." + minor + "."
                        + parts.getAtIndex(ValueLayout.JAVA_INT, 2) + "; zmq-ffm needs " + MIN_MAJOR + "." + MIN_MINOR
                        + " or newer");
            }
            MethodHandle zmqHas = Linker.nativeLinker().downcallHandle(lookup.findOrThrow("zmq_has"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            List<String> capabilities = new ArrayList<>();
            for (String capability : Platform.current().bundledCapabilities()) {
                if ((int) zmqHas.invokeExact(arena.allocateFrom(capability)) != 0) {
                    capabilities.add(capability);
                }
            }
            return capabilities;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("zmq_version() failed in " + path, t);
        }
    }

    private static Set<Path> systemDirectories(Platform platform) {
        Set<Path> dirs = new LinkedHashSet<>();
        addPathList(dirs, System.getProperty("java.library.path"));
        switch (platform.os()) {
            case "linux" -> {
                addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
                String multiarch = platform.arch().equals("aarch_64") ? "aarch64-linux-gnu" : platform.arch() + "-linux-gnu";
                for (String dir : List.of("/usr/local/lib", "/usr/lib/" + multiarch, "/lib/" + multiarch,
                        "/usr/lib64", "/lib64", "/usr/lib", "/lib")) {
                    dirs.add(Path.of(dir));
                }
            }
            case "osx" -> {
                addPathList(dirs, System.getenv("DYLD_LIBRARY_PATH"));
                dirs.add(Path.of("/opt/homebrew/lib"));
                dirs.add(Path.of("/usr/local/lib"));
            }
            case "windows" -> addPathList(dirs, System.getenv("PATH"));
            default -> dirs.add(Path.of("/usr/local/lib"));
        }
        return dirs;
    }

    private static void addPathList(Set<Path> dirs, String list) {
        if (list == null) {
            return;
        }
        for (String entry : list.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                dirs.add(Path.of(entry));
            }
        }
    }
}
