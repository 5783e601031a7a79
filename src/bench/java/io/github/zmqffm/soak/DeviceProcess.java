package io.github.zmqffm.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code zmqffm device} started through {@code scripts/zmqffm} (whatever artifact the CLI ships in), with its
 * frontend and backend bound on random loopback ports, as its "started" line reports them.
 */
final class DeviceProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final String frontend;
    private final String backend;
    private final long pid;

    private DeviceProcess(Process process, BufferedReader out, String started) {
        this.process = process;
        this.out = out;
        this.frontend = field(started, "frontend");
        this.backend = field(started, "backend");
        this.pid = Long.parseLong(field(started, "pid"));
    }

    /**
     * Starts {@code scripts/zmqffm device TYPE} with {@code javaOptions} (ZMQFFM_JAVA_OPTS) and waits at most
     * {@code seconds} for its started line; its stderr goes to this process's stderr.
     */
    static DeviceProcess start(Path root, String type, String javaOptions, int seconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("scripts/zmqffm").toString(), "device", type,
                "--frontend", "@tcp://127.0.0.1:*", "--backend", "@tcp://127.0.0.1:*")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("ZMQFFM_JAVA_OPTS", javaOptions);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            // The first start may build the jars first: allow for it, but never wait forever.
            line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.contains("\"event\":\"started\"")) {
            process.destroyForcibly();
            throw new IOException("zmqffm device " + type + " did not start: " + line);
        }
        return new DeviceProcess(process, out, line);
    }

    String frontend() {
        return frontend;
    }

    String backend() {
        return backend;
    }

    long pid() {
        return pid;
    }

    /** SIGTERM, then the device's "stopped" line (its final counters), or null if it printed none. */
    String stop() throws IOException, InterruptedException {
        process.toHandle().destroy();
        String stopped = null;
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("\"event\":\"stopped\"")) {
                stopped = line;
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return stopped;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
