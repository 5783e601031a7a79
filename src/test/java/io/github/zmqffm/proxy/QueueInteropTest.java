package io.github.zmqffm.proxy;

import io.github.zmqffm.ChildJvm;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The QUEUE device (in this JVM) between peers in other languages: pyzmq clients and workers (Debian's
 * python3-zmq), and C clients built here with gcc against the project's own libzmq.
 */
class QueueInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path PYTHON_PEERS = Path.of("src/test/python/proxy");
    private static final Path C_CLIENT = Path.of("src/test/c/proxy/req_client.c");

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private RunningProxy queue() {
        return Device.start(zmq.context(), DeviceType.QUEUE, SocketSpec.of(SocketType.ROUTER, "@tcp://127.0.0.1:*"),
                SocketSpec.of(SocketType.DEALER, "@tcp://127.0.0.1:*"));
    }

    @Test
    void pythonClientsAndWorkers() throws Exception {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " with python3-zmq is needed (scripts/install-deps)");
        try (RunningProxy device = queue()) {
            List<Process> workers = new ArrayList<>();
            try {
                for (int w = 0; w < QueueLoad.WORKERS; w++) {
                    workers.add(start(PYTHON, PYTHON_PEERS.resolve("queue_worker.py").toString(),
                            device.backendEndpoint(), "py" + w));
                }
                List<Process> clients = new ArrayList<>();
                for (int c = 0; c < QueueLoad.CLIENTS; c++) {
                    clients.add(start(PYTHON, PYTHON_PEERS.resolve("queue_client.py").toString(),
                            device.frontendEndpoint(), String.valueOf(c), String.valueOf(QueueLoad.REQUESTS / QueueLoad.CLIENTS)));
                }
                QueueLoad.assertAllServed(served(clients));
            } finally {
                stop(workers);
            }
        }
    }

    @Test
    void cClients(@TempDir Path dir) throws Exception {
        Path client = compile(dir);
        try (RunningProxy device = queue();
             QueueLoad.Workers _ = new QueueLoad.Workers(zmq, device.backendEndpoint(), QueueLoad.WORKERS)) {
            List<Process> clients = new ArrayList<>();
            try {
                for (int c = 0; c < QueueLoad.CLIENTS; c++) {
                    clients.add(start(client.toString(), device.frontendEndpoint(), String.valueOf(c),
                            String.valueOf(QueueLoad.REQUESTS / QueueLoad.CLIENTS)));
                }
                QueueLoad.assertAllServed(served(clients));
            } finally {
                stop(clients);
            }
        }
    }

    /** gcc against target/libzmq/prefix, with an rpath so the client loads that same libzmq. */
    private static Path compile(Path dir) throws Exception {
        Path prefix = Path.of(System.getProperty("zmqffm.test.prefix"));
        Path binary = dir.resolve("req_client");
        Process gcc = start("gcc", "-O2", "-std=c99", "-Wall", "-o", binary.toString(), C_CLIENT.toString(),
                "-I" + prefix.resolve("include"), "-L" + prefix.resolve("lib"), "-lzmq",
                "-Wl,-rpath," + prefix.resolve("lib"));
        ChildJvm.Result result = ChildJvm.finish(gcc);
        assertEquals(0, result.exitCode(), "gcc failed: " + result.stderr());
        return binary;
    }

    private static Process start(String... command) throws IOException {
        return new ProcessBuilder(command).start();
    }

    /** Waits for every client (bounded), checks it answered all its requests, and adds up who served them. */
    private static Map<String, Integer> served(List<Process> clients) throws Exception {
        Map<String, Integer> served = new TreeMap<>();
        for (Process client : clients) {
            ChildJvm.Result result = ChildJvm.finish(client);
            assertEquals(0, result.exitCode(), "client failed: " + result.stderr());
            for (String line : result.stdout().lines().toList()) {
                String[] words = line.split(" ");
                if (words[0].equals("served")) {
                    served.merge(words[1], Integer.parseInt(words[2]), Integer::sum);
                } else {
                    assertEquals("ok " + QueueLoad.REQUESTS / QueueLoad.CLIENTS, line);
                }
            }
        }
        return served;
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
