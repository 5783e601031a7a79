package io.github.zmqffm.soak;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PUSH to PULL, directly (the PULL binds, the PUSH connects) or through a streamer device (both connect). A blocking
 * PUSH never drops, so nothing may be lost; the PUSH stays open until the PULL has drained.
 */
final class PushPullPipe extends Pipe {

    private final CompletableFuture<Long> sent = new CompletableFuture<>();
    private final CompletableFuture<PipeResult> drained = new CompletableFuture<>();

    PushPullPipe(String name, Context context, Route route, int size, AtomicBoolean stop, AtomicLong delivered) {
        super(name, context, route, size, stop, delivered);
    }

    @Override
    CompletableFuture<PipeResult> start() {
        thread(name + "-pull", this::receive).whenComplete((result, failure) -> {
            if (failure != null) {
                drained.completeExceptionally(failure);
            } else {
                drained.complete(result);
            }
        });
        thread(name + "-push", this::send).whenComplete((count, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            }
        });
        return drained;
    }

    private long send() {
        try (Socket push = context.socket(SocketType.PUSH)) {
            push.set(SocketOption.LINGER, 0);
            attachSender(push);
            ByteBuffer message = ByteBuffer.allocate(size);
            long seq = 0;
            while (!stop.get()) {
                message.putLong(0, seq);
                push.send(message.array());
                seq++;
            }
            sent.complete(seq);
            try {
                drained.get(DRAIN_MILLIS + 10_000, TimeUnit.MILLISECONDS); // keep the pipe open meanwhile
            } catch (Exception e) {
                // the receiver reports the failure
            }
            return seq;
        }
    }

    private PipeResult receive() {
        SequenceTracker tracker = new SequenceTracker();
        try (Socket pull = context.socket(SocketType.PULL)) {
            pull.set(SocketOption.LINGER, 0);
            pull.set(SocketOption.RCVTIMEO, 200);
            attachReceiver(pull);
            byte[] buffer = new byte[size];
            long drainDeadline = Long.MAX_VALUE;
            for (;;) {
                if (pull.recv(buffer) >= 8) {
                    tracker.accept(ByteBuffer.wrap(buffer).getLong(0));
                    delivered.incrementAndGet();
                } else if (sent.isDone()) {
                    long total = sent.join();
                    boolean complete = tracker.distinct() >= total;
                    if (complete || System.nanoTime() > drainDeadline) {
                        return new PipeResult(name, total, tracker.received(), tracker.lost(total),
                                tracker.duplicated(), tracker.reordered(), complete ? null : "drain timed out");
                    }
                    drainDeadline = Math.min(drainDeadline, System.nanoTime() + DRAIN_MILLIS * 1_000_000L);
                }
            }
        }
    }
}
