package io.github.zmqffm.bench;

import io.github.zmqffm.jmh.SocketPair;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The floor under the binding: the C twin's loops made of bare critical FFM downcalls on the pair's socket
 * handles, with none of zmq-ffm's layers (no guard, no checks, no errno). What a path costs above this is the
 * binding's own; what this costs above C is the JDK's downcall stubs and the JIT's code around them.
 */
final class FfmFloor {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBZMQ = SymbolLookup.loaderLookup(); // the libzmq the pair's Context loaded
    private static final int BATCH = SocketPair.BATCH;
    private static final int ZMQ_MSG_T_SIZE = 64;

    private static final FunctionDescriptor IO = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final FunctionDescriptor MSG_IO = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SEND = link("zmq_send", IO, true);
    private static final MethodHandle RECV = link("zmq_recv", IO, true);
    private static final MethodHandle MSG_INIT_SIZE =
            link("zmq_msg_init_size", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle MSG_INIT = link("zmq_msg_init", FunctionDescriptor.of(JAVA_INT, JAVA_LONG), false);
    private static final MethodHandle MSG_SEND = link("zmq_msg_send", MSG_IO, false);
    private static final MethodHandle MSG_RECV = link("zmq_msg_recv", MSG_IO, false);

    private FfmFloor() {}

    private static MethodHandle link(String name, FunctionDescriptor descriptor, boolean heapAccess) {
        return LINKER.downcallHandle(LIBZMQ.findOrThrow(name), descriptor, Linker.Option.critical(heapAccess));
    }

    /** zmq_send / zmq_recv of a heap array, as the {@code bytes} path and the C twin's {@code buffer} loop. */
    record Bytes(long push, long pull, int size, MemorySegment out, MemorySegment in) implements Runnable {
        Bytes(SocketPair pair, int size) {
            this(pair.push.handle().address(), pair.pull.handle().address(), size,
                    MemorySegment.ofArray(new byte[size]), MemorySegment.ofArray(new byte[size]));
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < BATCH; i++) {
                    if ((int) SEND.invokeExact(push, out, (long) size, 0) < 0) {
                        throw new IllegalStateException("zmq_send failed");
                    }
                }
                for (int i = 0; i < BATCH; i++) {
                    SocketPair.check((int) RECV.invokeExact(pull, in, (long) size, 0), size);
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** zmq_msg_init_size + zmq_msg_send / zmq_msg_recv into one zmq_msg_t, as the C twin's {@code msg} loop. */
    record Msgs(long push, long pull, int size, long out, long in) implements Runnable {
        Msgs(SocketPair pair, int size, Arena arena) {
            this(pair.push.handle().address(), pair.pull.handle().address(), size, emptyMsg(arena), emptyMsg(arena));
        }

        private static long emptyMsg(Arena arena) {
            long msg = arena.allocate(ZMQ_MSG_T_SIZE, 8).address();
            try {
                if ((int) MSG_INIT.invokeExact(msg) != 0) {
                    throw new IllegalStateException("zmq_msg_init failed");
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            return msg;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < BATCH; i++) {
                    if ((int) MSG_INIT_SIZE.invokeExact(out, (long) size) != 0
                            || (int) MSG_SEND.invokeExact(out, push, 0) < 0) {
                        throw new IllegalStateException("zmq_msg_send failed");
                    }
                }
                for (int i = 0; i < BATCH; i++) {
                    SocketPair.check((int) MSG_RECV.invokeExact(in, pull, 0), size);
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
