package io.github.zmqffm.interop;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Python that runs the pyzmq peers: Debian's {@code /usr/bin/python3} (with {@code python3-zmq}),
 * else the {@code python3} on the PATH, whichever can {@code import zmq}. A PATH python3 from pyenv and the like
 * usually lacks pyzmq, hence the order.
 */
final class PythonPeers {

    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");
    private static volatile String interpreter;

    private PythonPeers() {}

    /** The interpreter; fails the test, saying how to fix it, if no candidate imports zmq. */
    static String interpreter() {
        String found = interpreter;
        if (found == null) {
            synchronized (PythonPeers.class) {
                found = interpreter;
                if (found == null) {
                    interpreter = found = find();
                }
            }
        }
        return found;
    }

    private static String find() {
        StringBuilder tried = new StringBuilder();
        for (String candidate : CANDIDATES) {
            String outcome = importsZmq(candidate);
            if (outcome == null) {
                return candidate;
            }
            tried.append("\n  ").append(candidate).append(": ").append(outcome);
        }
        throw new AssertionError("no Python that can 'import zmq' for the interop tests; install Debian's"
                + " python3-zmq (scripts/install-deps does). Tried:" + tried);
    }

    /** Null if {@code python -c "import zmq"} succeeds, else why not. */
    private static String importsZmq(String python) {
        Process process = null;
        try {
            process = new ProcessBuilder(python, "-c", "import zmq").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                return "did not finish within 20 s";
            }
            return process.exitValue() == 0 ? null : "exit code " + process.exitValue();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
