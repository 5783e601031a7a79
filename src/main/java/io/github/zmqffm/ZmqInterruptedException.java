package io.github.zmqffm;

/**
 * The calling thread was interrupted ({@link Thread#interrupt()}) while a send, receive or poll waited for its
 * socket: the call gave up without sending or receiving anything (errno EINTR), and the socket is unchanged and
 * usable. The thread's interrupt status is still set, so that loops further up see it too; clear it with
 * {@link Thread#interrupted()} to go on using the thread.
 *
 * <p>Only a call that actually waits is woken this way: a message that can move at once moves, interrupted thread
 * or not. Which waits an interrupt reaches depends on the socket's {@link WaitStrategy} (all but
 * {@link WaitStrategy#NATIVE}).
 */
public final class ZmqInterruptedException extends ZmqException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code call} (its argument may be null) that an interrupt woke. */
    public ZmqInterruptedException(String call, String argument) {
        super(call, argument, Errors.EINTR, "interrupted while waiting (Thread.interrupt())");
    }
}
