package io.github.zmqffm.bench;

import java.util.Arrays;

/**
 * The zmq-ffm send/receive paths of the in-thread comparison, each with the loop of the C twin
 * ({@code src/bench/c/sendrecv.c}) that makes the same libzmq calls: copies between caller memory and libzmq
 * ({@code buffer}: zmq_send/zmq_recv), zero-copy messages ({@code msg}) and 3-frame messages ({@code multipart});
 * and, as the floor under them, the same calls as bare FFM downcalls ({@link FfmFloor}).
 */
enum InThreadPath {
    BYTES("bytes", "buffer", "send(byte[]) / recv(byte[]) into a caller array"),
    HEAP_SEGMENT("heap-segment", "buffer", "send/recv of a heap MemorySegment (MemorySegment.ofArray)"),
    NATIVE_SEGMENT("native-segment", "buffer", "send/recv of a native MemorySegment"),
    DIRECT_BUFFER("direct-buffer", "buffer", "send/recv of a direct ByteBuffer"),
    HEAP_BUFFER("heap-buffer", "buffer", "send/recv of a heap ByteBuffer"),
    MSG("msg", "msg", "Msg.reset(size) + send(Msg) / recv into one reused Msg (zero-copy)"),
    MULTIPART("multipart", "multipart", "3 frames of byte[]: send(SNDMORE) / recv(byte[]) + hasReceiveMore()"),
    FFM_BYTES("ffm-bytes", "buffer", "the floor: bare critical FFM zmq_send/zmq_recv of a heap array, no binding layer"),
    FFM_MSG("ffm-msg", "msg", "the floor: bare critical FFM zmq_msg_init_size/zmq_msg_send/zmq_msg_recv, no binding layer");

    /** The name on the command lines and in the table. */
    final String id;
    /** The C twin's loop making the same libzmq calls. */
    final String cLoop;
    final String description;

    InThreadPath(String id, String cLoop, String description) {
        this.id = id;
        this.cLoop = cLoop;
        this.description = description;
    }

    static InThreadPath named(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown path " + id + "; one of " + Arrays.stream(values()).map(p -> p.id).toList()));
    }
}
