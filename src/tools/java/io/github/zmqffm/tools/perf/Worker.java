package io.github.zmqffm.tools.perf;

/** The second thread of the inproc tools: as in libzmq's, an error there ends the process with exit code 1. */
final class Worker {

    private Worker() {}

    static void run(Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            System.out.println("error in worker: " + e.getMessage());
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }
}
