package io.github.zmqffm.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One implementation of libzmq's perf tools and how to start each tool of it as a process: libzmq's own C
 * tools (the reference), zmq-ffm's {@code zmqffm perf}, and {@link ZmqApiPerf} over JeroMQ and over jzmq.
 * Every JVM runs with the same options. The latency tools record each round trip into a file.
 */
record Impl(String name, List<String> prefix, List<String> latencyPrefix) {

    static final String C = "libzmq (C)";

    /** The implementations available under {@code root} (a built project); says on stderr what it skips. */
    static List<Impl> available(Path root, String java) {
        Path target = root.resolve("target");
        Path bin = target.resolve("libzmq/prefix/bin");
        List<Impl> impls = new ArrayList<>();
        impls.add(new Impl(C, List.of(bin.toString()), List.of(target.resolve("bench/latency").toString())));
        String zmqffm = join(mainJars(target), target.resolve("lib/*").toString());
        impls.add(jvm("zmq-ffm", java, List.of(), zmqffm, "io.github.zmqffm.tools.Main", "perf"));
        String shared = join(List.of(target.resolve("test-classes").toString(), target.resolve("classes").toString()));
        impls.add(jvm("JeroMQ", java, List.of(), join(List.of(shared, target.resolve("bench/lib/*").toString())),
                ZmqApiPerf.class.getName()));
        Path jzmqJar = Path.of("/usr/share/java/zmq.jar");
        Path jzmqClasses = target.resolve("bench/jzmq-classes");
        if (Files.exists(jzmqJar) && Files.isDirectory(jzmqClasses)) {
            impls.add(jvm("jzmq", java, List.of("-Djava.library.path=/usr/lib/x86_64-linux-gnu/jni:/usr/lib/jni"),
                    join(List.of(jzmqClasses.toString(), target.resolve("classes").toString(),
                            target.resolve("tools-classes").toString(), jzmqJar.toString())),
                    ZmqApiPerf.class.getName()));
        } else {
            System.err.println("[bench] jzmq is not installed (Debian's libzmq-java and libzmq-jni): skipping it;"
                    + " scripts/bench-compare --install-jzmq installs them");
        }
        return impls;
    }

    private static Impl jvm(String name, String java, List<String> options, String classPath, String... main) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath));
        command.addAll(List.of(main));
        return new Impl(name, List.copyOf(command), List.copyOf(command));
    }

    boolean isC() {
        return name.equals(C);
    }

    /** The command line of {@code tool} with its libzmq arguments. */
    List<String> command(String tool, List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        if (isC()) {
            command.set(0, Path.of(prefix.get(0), tool).toString());
        } else {
            command.add(tool);
        }
        command.addAll(args);
        return command;
    }

    /** A latency tool ({@code remote_lat}, {@code inproc_lat}) that also writes each round trip to {@code file}. */
    List<String> recordingCommand(String tool, List<String> args, Path file) {
        List<String> command = new ArrayList<>(latencyPrefix);
        command.add(tool);
        command.addAll(args);
        if (!isC()) {
            command.add("--round-trips-to");
        }
        command.add(file.toString());
        return command;
    }

    static List<String> mainJars(Path target) {
        File[] jars = target.toFile().listFiles((dir, name) -> name.startsWith("zmq-ffm-") && name.endsWith(".jar")
                && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no zmq-ffm jars in " + target + ": build with mvn -Pbench package first");
        }
        return java.util.Arrays.stream(jars).map(File::toString).sorted().toList();
    }

    static String join(List<String> parts) {
        return String.join(File.pathSeparator, parts);
    }

    private static String join(List<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        all.add(last);
        return join(all);
    }
}
