package io.github.zmqffm.fuzz;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Errno;
import io.github.zmqffm.ZmqException;

import java.util.Set;

/**
 * Which exceptions the public API documents: IllegalStateException (closed, in use elsewhere, stale),
 * IllegalArgumentException (bad argument), IndexOutOfBoundsException (indexes and ranges),
 * UnsupportedOperationException (drafts, arenas that cannot close), WrongThreadException (a {@code Msg.data()} view
 * used on another thread than the one that took it), ContextTerminatedException (ETERM, from any
 * call on a terminated context) and ZmqException with an errno the called method's javadoc lists (or any, where
 * the javadoc says "other failures raise ZmqException"). ENOTSOCK and EFAULT are never accepted: they mean libzmq
 * was handed a socket or a message that is already freed, which only luck kept from crashing.
 */
final class Policy {

    private static final Set<Errno> DEAD_HANDLE = Set.of(Errno.ENOTSOCK, Errno.EFAULT);

    private Policy() {}

    /** Null if {@code thrown} is documented for {@code action}; else the failure's outcome. */
    static Outcome judge(Action action, Throwable thrown) {
        if (thrown instanceof WrongThreadException && action.usesView()) {
            return null; // "a view belongs to the thread that asked for it" (Msg): FFM's confined-segment exception
        }
        return judge(action.getClass().getSimpleName(), action.documented(), thrown);
    }

    /** The same for a named call whose javadoc documents {@code documented} (null: any errno). */
    static Outcome judge(String name, Set<Errno> documented, Throwable thrown) {
        String where = apiFrame(thrown);
        if (thrown instanceof ZmqException z) {
            Errno errno = z.error();
            if (DEAD_HANDLE.contains(errno)) {
                return new Outcome(Outcome.Kind.VIOLATION, "DEAD_HANDLE " + errno + " at " + where, stack(thrown));
            }
            if (z instanceof ContextTerminatedException || documented == null || documented.contains(errno)) {
                return null;
            }
            return new Outcome(Outcome.Kind.UNDOCUMENTED, "errno " + errno + " at " + where + " (" + name
                    + " documents " + documented + ")", stack(thrown));
        }
        if (thrown instanceof IllegalStateException || thrown instanceof IllegalArgumentException
                || thrown instanceof IndexOutOfBoundsException || thrown instanceof UnsupportedOperationException) {
            return null;
        }
        return new Outcome(Outcome.Kind.UNDOCUMENTED, thrown.getClass().getSimpleName() + " at " + where + " from "
                + name, stack(thrown));
    }

    /**
     * The API method the fuzzer called, as {@code Class.method}: the outermost frame of zmq-ffm below the fuzzer's
     * own frames (the innermost would often be the one place that makes exceptions); the top frame if none.
     */
    static String apiFrame(Throwable thrown) {
        StackTraceElement[] frames = thrown.getStackTrace();
        String api = null;
        for (StackTraceElement frame : frames) {
            String type = frame.getClassName();
            if (type.startsWith("io.github.zmqffm.fuzz.")) {
                if (api != null) {
                    break;
                }
            } else if (type.startsWith("io.github.zmqffm.")) {
                api = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
            }
        }
        return api != null ? api : frames.length == 0 ? "?" : frames[0].getClassName() + "." + frames[0].getMethodName();
    }

    static String stack(Throwable thrown) {
        java.io.StringWriter text = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
