package io.github.zmqffm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the report says about the machine and the versions compared. */
final class Machine {

    private Machine() {}

    /** CPU model, cores, memory and OS, e.g. "AMD EPYC, 2 cores, 23 GiB, Linux 6.1". */
    static String summary() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep "unknown CPU"
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() >> 30;
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory + " GiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The installed version of a Debian package, or "not installed". */
    static String debianVersion(String pkg) {
        String version = output("dpkg-query", "-W", "-f=${Version}", pkg);
        return version == null || version.isEmpty() ? "not installed" : version;
    }

    /**
     * The glibc malloc tunables every benchmark process inherits: at 64 KiB messages the allocator's trim and mmap
     * thresholds decide whether each message page-faults (docs/perf/outliers.md), so a report says which were set.
     */
    static String mallocTunables() {
        String tunables = System.getenv("GLIBC_TUNABLES");
        return "GLIBC_TUNABLES " + (tunables == null ? "unset (glibc's dynamic malloc thresholds)" : "=" + tunables);
    }

    /** "valgrind-3.19.0", or "valgrind not found". */
    static String valgrindVersion() {
        String version = output("valgrind", "--version");
        return version == null ? "valgrind not found" : version;
    }

    /** What a command printed, stripped, or null if it failed or could not start. */
    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? printed : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** JeroMQ's version, from its jar's name in the bench dependencies. */
    static String jeromqVersion(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("jeromq-"))
                    .map(n -> n.substring("jeromq-".length(), n.length() - ".jar".length())).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
