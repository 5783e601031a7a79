package io.github.zmqffm;

import java.lang.ref.Cleaner;

/** The one {@link Cleaner} (one daemon thread) that catches native resources whose owners were never closed. */
final class Leaks {

    /** Shared by sockets and messages. */
    static final Cleaner CLEANER = Cleaner.create();

    private Leaks() {}
}
