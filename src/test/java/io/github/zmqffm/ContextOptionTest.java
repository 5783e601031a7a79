package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which context options zmq_ctx_get reads (fuzzer finding: -1 was taken for an error), checked against libzmq. */
class ContextOptionTest {

    private static final Set<ContextOption> WRITE_ONLY = EnumSet.of(ContextOption.THREAD_PRIORITY,
            ContextOption.THREAD_AFFINITY_CPU_ADD, ContextOption.THREAD_AFFINITY_CPU_REMOVE);

    /** libzmq 4.3.4's defaults (ctx.cpp), read through the API. */
    private static final Map<ContextOption, Integer> DEFAULTS = Map.ofEntries(entry(ContextOption.IO_THREADS, 1),
            entry(ContextOption.MAX_SOCKETS, 1023), entry(ContextOption.SOCKET_LIMIT, 65535),
            entry(ContextOption.IPV6, 0), entry(ContextOption.BLOCKY, 1),
            entry(ContextOption.MAX_MSGSZ, Integer.MAX_VALUE), entry(ContextOption.MSG_T_SIZE, 64),
            entry(ContextOption.ZERO_COPY_RECV, 1), entry(ContextOption.THREAD_SCHED_POLICY, -1),
            entry(ContextOption.THREAD_NAME_PREFIX, 0));

    @Test
    void theReadableFlagIsWhatLibzmqReads() {
        try (Context context = new Context(); Arena arena = Arena.ofConfined()) {
            context.set(ContextOption.THREAD_SCHED_POLICY, 0); // so that no readable option holds -1 below
            for (ContextOption option : ContextOption.values()) {
                int raw = LibZmqControl.ctxGet(arena.allocate(LibZmq.CAPTURE_LAYOUT), context.handle(), option.value());
                assertEquals(!WRITE_ONLY.contains(option), option.readable(), option.toString());
                if (option == ContextOption.THREAD_PRIORITY) {
                    // zmq.h gives it SOCKET_LIMIT's number (3): zmq_ctx_get(3) reads SOCKET_LIMIT, never the priority.
                    assertEquals(ContextOption.SOCKET_LIMIT.value(), option.value());
                    assertEquals(context.get(ContextOption.SOCKET_LIMIT), raw);
                } else {
                    assertEquals(option.readable(), raw != -1, option + ": zmq_ctx_get answered " + raw);
                }
            }
        }
    }

    @Test
    void everyReadableOptionReadsItsDefaultAsIs() {
        try (Context context = new Context()) {
            for (ContextOption option : ContextOption.values()) {
                if (option.readable()) {
                    assertEquals(DEFAULTS.get(option), context.get(option), option.toString());
                }
            }
            assertEquals(EnumSet.complementOf(EnumSet.copyOf(WRITE_ONLY)), EnumSet.copyOf(DEFAULTS.keySet()));
        }
    }

    @Test
    void minusOneIsAValueNotAnError() {
        try (Context context = new Context()) {
            assertEquals(-1, context.get(ContextOption.THREAD_SCHED_POLICY));
            context.set(ContextOption.THREAD_NAME_PREFIX, -1);
            assertEquals(-1, context.get(ContextOption.THREAD_NAME_PREFIX));
            context.set(ContextOption.THREAD_NAME_PREFIX, 42);
            assertEquals(42, context.get(ContextOption.THREAD_NAME_PREFIX));
            context.set(ContextOption.THREAD_SCHED_POLICY, 0);
            assertEquals(0, context.get(ContextOption.THREAD_SCHED_POLICY));
        }
    }

    @Test
    void writeOnlyOptionsAreRefusedByName() {
        try (Context context = new Context()) {
            for (ContextOption option : WRITE_ONLY) {
                assertTrue(option.writable(), option.toString());
                UnsupportedOperationException e =
                        assertThrows(UnsupportedOperationException.class, () -> context.get(option));
                assertEquals("ContextOption." + option + " is write-only: libzmq 4.3.4's zmq_ctx_get does not read it",
                        e.getMessage());
            }
            context.set(ContextOption.THREAD_PRIORITY, 1); // and they are still written
            context.set(ContextOption.THREAD_AFFINITY_CPU_ADD, 0);
            context.set(ContextOption.THREAD_AFFINITY_CPU_REMOVE, 0);
        }
    }

    /** Refused in Java: zmq_ctx_set(SOCKET_LIMIT) would set THREAD_PRIORITY (same number) and succeed. */
    @Test
    void readOnlyOptionsAreRefusedByName() {
        try (Context context = new Context()) {
            for (ContextOption option : EnumSet.of(ContextOption.SOCKET_LIMIT, ContextOption.MSG_T_SIZE)) {
                assertFalse(option.writable(), option.toString());
                UnsupportedOperationException e =
                        assertThrows(UnsupportedOperationException.class, () -> context.set(option, 1));
                assertEquals("ContextOption." + option + " is read-only", e.getMessage());
            }
        }
    }

    /**
     * The fuzzer (seed 1202, index 91779): libzmq accepted MAX_SOCKETS=INT_MAX, then the first socket aborted the
     * process ("std::length_error: vector::reserve", the slot count overflowed). Refused in Java above SOCKET_LIMIT.
     */
    @Test
    void maxSocketsAboveSocketLimitIsRefusedAndTheLimitItselfWorks() {
        try (Context context = new Context()) {
            int limit = context.get(ContextOption.SOCKET_LIMIT);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> context.set(ContextOption.MAX_SOCKETS, Integer.MAX_VALUE));
            assertEquals("ContextOption.MAX_SOCKETS=2147483647 is out of range 1.." + limit + " (SOCKET_LIMIT)",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> context.set(ContextOption.MAX_SOCKETS, limit + 1));
            context.set(ContextOption.MAX_SOCKETS, limit);
            try (Socket _ = context.socket(SocketType.PAIR)) {
                assertEquals(limit, context.get(ContextOption.MAX_SOCKETS));
            }
        }
    }
}
