package io.github.zmqffm;

import io.github.zmqffm.internal.Descriptors;

import java.nio.charset.StandardCharsets;

/**
 * What an option's value must be, checked in Java before {@code zmq_setsockopt}, where libzmq accepts more than
 * works: a value it stores but the kernel refuses later makes every connection fail (or, for some, aborts the
 * process). Kept in the option's {@link SocketOption table entry}.
 */
@FunctionalInterface
interface OptionCheck {

    /** Throws IllegalArgumentException, naming the option, the value and what is valid, unless it is. */
    void check(SocketOption<?> option, Object value);

    /** An int in {@code min..max}, or -1 when {@code minusOne} (libzmq: leave it to the OS). */
    record Range(int min, int max, boolean minusOne, String why) implements OptionCheck {
        @Override
        public void check(SocketOption<?> option, Object value) {
            int number = (Integer) value;
            if ((number < min || number > max) && !(minusOne && number == -1)) {
                throw new IllegalArgumentException(option + "=" + number + " is out of range: "
                        + (minusOne ? "-1 (the OS default) or " : "") + min + ".." + max + " (" + why + ")");
            }
        }
    }

    /** A string of at most {@code maxBytes} bytes of UTF-8. */
    record MaxLength(int maxBytes, String why) implements OptionCheck {
        @Override
        public void check(SocketOption<?> option, Object value) {
            int length = ((String) value).getBytes(StandardCharsets.UTF_8).length;
            if (length > maxBytes) {
                throw new IllegalArgumentException(option + "=" + value + " is " + length + " bytes long, more than "
                        + maxBytes + " (" + why + ")");
            }
        }
    }

    /** ZMQ_USE_FD: -1, or an open, listening stream socket (libzmq would accept() on anything, and abort). */
    OptionCheck LISTENING_SOCKET = (option, value) -> {
        int fd = (Integer) value;
        if (fd != -1) {
            Descriptors.requireListeningStream(option + "=" + fd, fd);
        }
    };

    /** ZMQ_PRIORITY: 0..6 for anyone; above that only what the kernel lets this process set (else libzmq aborts). */
    OptionCheck PRIORITY = (option, value) -> {
        int priority = (Integer) value;
        new Range(0, Integer.MAX_VALUE, false, "SO_PRIORITY").check(option, priority);
        if (priority > 6 && !Descriptors.priorityPermitted(priority)) {
            throw new IllegalArgumentException(option + "=" + priority + " is refused by the kernel (above 6 needs"
                    + " CAP_NET_ADMIN or CAP_NET_RAW on Linux): libzmq would abort on the first connection");
        }
    };

    /** ZMQ_SOCKS_PROXY: {@code host:port}, with the port in 0..65535 (libzmq would wrap it to 16 bits). */
    OptionCheck HOST_PORT = (option, value) -> EndpointCheck.checkPort("setsockopt", option + "=" + value, (String) value);
}
