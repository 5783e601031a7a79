package io.github.zmqffm.fuzz;

/**
 * How one fuzz sequence ended. Failures carry a signature, what makes two failures the same class (the crashing
 * frame, the undocumented exception and where it came from, ...), and a detail (a stack, an hs_err excerpt).
 */
record Outcome(Kind kind, String signature, String detail) {

    /** The kinds of outcome; all but OK fail the fuzz test. */
    enum Kind {
        /** Every call succeeded or threw a documented exception. */
        OK,
        /** A call threw an exception, or an errno, that its javadoc does not document. */
        UNDOCUMENTED,
        /** A promise of the API was broken without a crash: a stale view read, a handle libzmq found dead, ... */
        VIOLATION,
        /** The sequence did not finish in time although every blocking call in it was bounded. */
        HANG,
        /** The child JVM died of a signal the JVM caught (SIGSEGV, SIGBUS, ...): an hs_err file. */
        CRASH,
        /** The child JVM was aborted without an hs_err file: a libzmq assertion or glibc's heap checks. */
        ABORT,
        /** The child JVM went away otherwise (an exit code, or its protocol pipe was taken over). */
        LOST
    }

    static final Outcome OK = new Outcome(Kind.OK, "", "");

    boolean failed() {
        return kind != Kind.OK;
    }

    /** The class key: kind and signature. */
    String key() {
        return kind + " " + signature;
    }

    /** One line: kind, signature and detail, tab-separated and escaped. */
    String encode() {
        return kind + "\t" + escape(signature) + "\t" + escape(detail);
    }

    static Outcome decode(String line) {
        String[] parts = line.split("\t", -1);
        return new Outcome(Kind.valueOf(parts[0]), unescape(parts[1]), unescape(parts[2]));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
