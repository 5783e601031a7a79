package io.github.zmqffm.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test host: a network namespace joined to this one by a veth pair, made with iproute2 and removed by
 * {@link #close()} (and by a shutdown hook if the test JVM exits first). Names carry this JVM's pid
 * ({@code zmqffm-<pid>}, veth {@code zfh<pid>}/{@code zfn<pid>}) so parallel runs cannot clash, and leftovers of a
 * run that was killed are removed by the next one. The pair gets a /30 of 198.18.0.0/15 (the benchmarking range,
 * RFC 2544) chosen from the pid and skipped while another interface holds it: traffic stays between this
 * namespace and the test's own. One at a time per JVM. Needs root and {@code ip}.
 */
final class NetNamespace implements AutoCloseable {

    private static final String PREFIX = "zmqffm-";
    private static final Pattern NAME = Pattern.compile("^" + PREFIX + "(\\d+)\\b");
    private static NetNamespace open;

    private final String name;
    private final String hostLink;
    private final String peerLink;
    private final String hostAddress;
    private final String peerAddress;
    private final Thread cleanup;
    private boolean closed;

    private NetNamespace(long pid, int subnet) {
        this.name = PREFIX + pid;
        this.hostLink = "zfh" + pid;
        this.peerLink = "zfn" + pid;
        int base = subnet << 2; // the /30's network address, offset into 198.18.0.0/15
        this.hostAddress = address(base + 1);
        this.peerAddress = address(base + 2);
        this.cleanup = new Thread(this::remove, "netns-cleanup-" + name);
    }

    private static String address(int offset) {
        return "198." + (18 + (offset >>> 16)) + "." + ((offset >>> 8) & 0xFF) + "." + (offset & 0xFF);
    }

    /** Why namespaces cannot be made here, or null if they can (checked by making and removing one). */
    static synchronized String unavailableReason() {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return "network namespaces are Linux only";
        }
        try {
            if (!Files.readString(Path.of("/proc/self/status")).matches("(?s).*\\nUid:\\s+0\\s.*")) {
                return "not root: making network namespaces needs root (CI runs as root)";
            }
            Result version = run("ip", "-V");
            if (version.code != 0) {
                return "no usable iproute2 'ip' (scripts/install-deps installs iproute2): " + version.output;
            }
            String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
            Result made = run("ip", "netns", "add", probe);
            run("ip", "netns", "del", probe);
            return made.code == 0 ? null : "'ip netns add' failed: " + made.output.strip();
        } catch (IOException e) {
            return "cannot run ip: " + e.getMessage();
        }
    }

    /** Makes the namespace, the veth pair and the addresses; removes leftovers of dead runs first. */
    static synchronized NetNamespace create() throws IOException {
        if (open != null) {
            throw new IllegalStateException("one NetNamespace at a time per JVM; " + open.name + " is open");
        }
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        String addresses = run("ip", "-4", "-o", "addr", "show").output;
        int subnet = (int) (pid % 32768);
        while (addresses.contains(" " + address((subnet << 2) + 1) + "/")) {
            subnet = (subnet + 1) % 32768; // another run (pid recycled modulo 32768) holds it
        }
        NetNamespace ns = new NetNamespace(pid, subnet);
        Runtime.getRuntime().addShutdownHook(ns.cleanup);
        open = ns;
        try {
            ns.setUp();
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    private void setUp() throws IOException {
        check("ip", "netns", "add", name);
        check("ip", "link", "add", hostLink, "type", "veth", "peer", "name", peerLink);
        check("ip", "link", "set", peerLink, "netns", name);
        check("ip", "addr", "add", hostAddress + "/30", "dev", hostLink);
        check("ip", "link", "set", hostLink, "up");
        check("ip", "-n", name, "addr", "add", peerAddress + "/30", "dev", peerLink);
        check("ip", "-n", name, "link", "set", peerLink, "up");
        check("ip", "-n", name, "link", "set", "lo", "up");
    }

    /** The namespace's name. */
    String name() {
        return name;
    }

    /** This (the test's) side of the link. */
    String hostAddress() {
        return hostAddress;
    }

    /** The namespace's side of the link. */
    String peerAddress() {
        return peerAddress;
    }

    /** The host-side veth interface, e.g. for {@code tc}. */
    String hostLink() {
        return hostLink;
    }

    /** Cuts the link ({@code ip link set <veth> down}): both ends lose carrier, nothing passes. */
    void linkDown() throws IOException {
        check("ip", "link", "set", hostLink, "down");
    }

    /** Restores the link. */
    void linkUp() throws IOException {
        check("ip", "link", "set", hostLink, "up");
    }

    /** The command line that runs {@code command} inside the namespace. */
    List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /** Removes the namespace and the veth pair (removing either end removes both). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) remove() too
        }
        synchronized (NetNamespace.class) {
            open = null;
        }
    }

    private void remove() {
        try {
            run("ip", "link", "del", hostLink);
            run("ip", "netns", "del", name);
        } catch (IOException e) {
            System.err.println("could not remove network namespace " + name + ": " + e.getMessage());
        }
    }

    /** Namespaces of earlier runs whose JVM is gone (killed before it could clean up). */
    private static void removeLeftovers() throws IOException {
        for (String line : run("ip", "netns", "list").output.split("\n")) {
            Matcher m = NAME.matcher(line.strip());
            if (m.find()) {
                long pid = Long.parseLong(m.group(1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                run("ip", "link", "del", "zfh" + pid);
                run("ip", "netns", "del", line.strip().split("\\s+")[0]);
            }
        }
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Result(int code, String output) {}

    /** Runs a command to completion (at most 30 s). */
    static Result run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 30 s");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted running " + String.join(" ", command), e);
        }
    }

    private static void check(String... command) throws IOException {
        Result result = run(command);
        if (result.code != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.code + "): " + result.output.strip());
        }
    }
}
