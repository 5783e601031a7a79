package io.github.zmqffm.internal;

import java.lang.ref.Cleaner;

/** The one {@link Cleaner} (one daemon thread) that catches native resources whose owners were never closed. */
public final class Leaks {

    /** Shared by sockets and messages. */
    public static final Cleaner CLEANER = Cleaner.create();

    private Leaks() {}
}
