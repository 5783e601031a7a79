package io.github.zmqffm;

import java.lang.foreign.MemorySegment;

/** C strings that libzmq returns. */
final class CStrings {

    private CStrings() {}

    /** The NUL-terminated UTF-8 text at {@code pointer} (a zero-length segment from a downcall). */
    static String read(MemorySegment pointer) {
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
