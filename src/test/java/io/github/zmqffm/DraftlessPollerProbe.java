package io.github.zmqffm;

/**
 * Child-JVM entry point for a libzmq built without drafts: prints whether {@link SocketPoller} says it is
 * available and what constructing one throws.
 */
public final class DraftlessPollerProbe {

    private DraftlessPollerProbe() {}

    public static void main(String[] args) {
        System.out.println("draft=" + Zmq.has("draft"));
        System.out.println("available=" + SocketPoller.isAvailable());
        try (SocketPoller poller = new SocketPoller()) {
            System.out.println("constructed " + poller);
        } catch (UnsupportedOperationException e) {
            System.out.println("unsupported: " + e.getMessage());
        }
    }
}
