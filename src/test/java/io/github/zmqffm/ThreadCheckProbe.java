package io.github.zmqffm;

/** Child-JVM entry point: uses a socket from a second thread and prints what happened. */
public final class ThreadCheckProbe {

    private ThreadCheckProbe() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.currentThread().setName("creator");
        try (Context context = new Context(); Socket socket = context.socket(SocketType.PUSH)) {
            Thread other = Thread.ofPlatform().name("intruder").start(() -> {
                try {
                    socket.get(SocketOption.LINGER);
                    System.out.println("allowed");
                } catch (IllegalStateException e) {
                    System.out.println("refused: " + e.getMessage());
                }
            });
            other.join(5000);
        }
    }
}
