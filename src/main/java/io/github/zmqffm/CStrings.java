package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * C strings: those libzmq returns, and Java strings on their way to it (libzmq reads up to the first NUL, so an
 * embedded one would cut the text short).
 */
final class CStrings {

    private CStrings() {}

    /** The NUL-terminated UTF-8 text at {@code pointer} (a zero-length segment from a downcall). */
    static String read(MemorySegment pointer) {
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** {@code text}, or IllegalArgumentException naming {@code call(text)} if it has a NUL character. */
    static String requireNoNul(String call, String text) {
        Objects.requireNonNull(text, call);
        return check(call + "(" + text.replace("\0", "\\0") + ")", text);
    }

    /** {@link #requireNoNul} for a secret (a key): the message names {@code what} but does not repeat the text. */
    static String requireNoNulSecret(String what, String text) {
        Objects.requireNonNull(text, what);
        return check(what, text);
    }

    private static String check(String what, String text) {
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(what + ": a NUL character at index " + nul
                    + " would cut the C string short there");
        }
        return text;
    }
}
