package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM entry point for {@link FaultReportTest}: makes libzmq's I/O thread fault. A restricted
 * {@link Msg#wrap} of an unmapped address (the caller vouches for global-scope memory) is sent over tcp; the I/O
 * thread copies small messages into its batch and faults on the first byte. Prints {@code connected} before the send
 * and {@code survived} if the process is still alive a second later (it should not be).
 */
public final class IoThreadFaultProbe {

    private IoThreadFaultProbe() {}

    /** Runs the probe in a child JVM that writes its crash report (if any) to {@code report}. */
    public static ChildJvm.Result runWritingReportTo(Path report) throws Exception {
        return ChildJvm.finish(ChildJvm.start(List.of("-XX:ErrorFile=" + report, "-XX:-CreateCoredumpOnCrash"),
                IoThreadFaultProbe.class));
    }

    public static void main(String[] args) throws InterruptedException {
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH)) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.send("hello");
            pull.set(SocketOption.RCVTIMEO, 10_000);
            System.out.println(pull.recvString() == null ? "not connected" : "connected");
            // Page 0 is never mapped (vm.mmap_min_addr); 64 bytes are below the 8 KiB the encoder sends in place.
            MemorySegment unmapped = MemorySegment.ofAddress(8).reinterpret(64);
            push.send(Msg.wrap(unmapped, () -> { }));
            Thread.sleep(1000);
            System.out.println("survived");
        }
    }
}
