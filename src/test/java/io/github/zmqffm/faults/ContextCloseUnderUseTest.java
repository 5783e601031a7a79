package io.github.zmqffm.faults;

import io.github.zmqffm.ChildJvm;
import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Context#close()} while another thread is still calling a socket it made (in a child JVM, since the failure
 * was a crash): 300 contexts with a close grace of 0, each closed while a thread sends as fast as it can and carries
 * on after ETERM. Every call must end in success, {@link ContextTerminatedException} or
 * {@link IllegalStateException}, and the JVM must live. Before the call guards (design decisions 12 and 13), closing
 * such a socket freed it under the call: the JVM aborted within a few hundred rounds
 * ({@code Assertion failed: check () (src/msg.cpp:394)}, exit 134), or a send failed with a bogus EINVAL or ENOTSOCK.
 */
class ContextCloseUnderUseTest {

    @Test
    void closingAContextWhileAnotherThreadStillSendsNeverCrashes() throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), SendWhileClosing.class, "300"));
        assertEquals(0, result.exitCode(), "the child JVM died: " + result.stderr());
        assertTrue(result.stdout().contains("survived 300 rounds"), result.stdout() + result.stderr());
    }

    /** The child: 300 contexts, each closed (grace 0) while a thread sends on its socket as fast as it can. */
    public static final class SendWhileClosing {
        private SendWhileClosing() {}

        /** Exit 0 if every call ended in success, ETERM or IllegalStateException; 3 on anything else. */
        public static void main(String[] args) throws Exception {
            int rounds = Integer.parseInt(args[0]);
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            for (int round = 0; round < rounds && unexpected.get() == null; round++) {
                Context context = new Context();
                context.setCloseGrace(Duration.ZERO);
                AtomicBoolean started = new AtomicBoolean();
                Thread sender = Thread.ofPlatform().start(() -> {
                    Socket socket = context.socket(SocketType.PUSH);
                    socket.connect("inproc://close-under-use");
                    started.set(true);
                    for (int i = 0; i < 50_000; i++) {
                        try {
                            socket.send(new byte[16], SendFlag.DONTWAIT);
                        } catch (ContextTerminatedException e) {
                            // expected once the context shuts down; a careless thread carries on
                        } catch (IllegalStateException e) {
                            return; // expected once the context has closed the socket
                        } catch (Throwable e) {
                            unexpected.compareAndSet(null, e);
                            return;
                        }
                    }
                });
                while (!started.get()) {
                    Thread.onSpinWait();
                }
                context.close();
                sender.join();
            }
            if (unexpected.get() != null) {
                unexpected.get().printStackTrace();
                System.exit(3);
            }
            System.out.println("survived " + rounds + " rounds");
        }
    }
}
