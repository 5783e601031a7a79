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
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", pkg).redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !version.isEmpty() ? version : "not installed";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
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
