package io.github.zmqffm.fuzz;

import io.github.zmqffm.Errno;

import java.util.EnumSet;
import java.util.Set;

import static io.github.zmqffm.Errno.*;

/**
 * One call (or a few that belong together) of the public API on the objects of a {@link World}. Each action runs
 * itself, prints itself as Java for a reproduction, and names the errnos its javadoc documents (null: the javadoc
 * allows any {@code ZmqException}). Actions name slots; an empty slot makes the action do nothing. The records live
 * in one file per area ({@link ContextActions}, {@link SocketActions}, {@link TransferActions}, {@link MsgActions},
 * {@link PollActions}, {@link LifetimeActions}); this list is also the text codec's table of names.
 */
sealed interface Action permits
        ContextActions.NewContext,
        ContextActions.CloseContext,
        ContextActions.Shutdown,
        ContextActions.ContextSet,
        ContextActions.ContextGet,
        ContextActions.Adopt,
        SocketActions.NewSocket,
        SocketActions.Pair,
        SocketActions.CloseSocket,
        SocketActions.Endpoint,
        SocketActions.SetOption,
        SocketActions.GetOption,
        SocketActions.Join,
        SocketActions.RecvAlone,
        TransferActions.Send,
        TransferActions.Recv,
        MsgActions.NewMsg,
        MsgActions.MsgReset,
        MsgActions.MsgClose,
        MsgActions.MsgRead,
        MsgActions.TakeView,
        MsgActions.UseView,
        MsgActions.NewArena,
        MsgActions.CloseArena,
        PollActions.NewPoller,
        PollActions.PollerAdd,
        PollActions.PollerAddFd,
        PollActions.PollerRemove,
        PollActions.PollerSetEvents,
        PollActions.Poll,
        PollActions.PollerRead,
        PollActions.ClosePoller,
        PollActions.NewSocketPoller,
        PollActions.SocketPollerOp,
        PollActions.SocketPollerPoll,
        PollActions.CloseSocketPoller,
        PollActions.NewMonitor,
        PollActions.MonitorNext,
        PollActions.CloseMonitor,
        LifetimeActions.Forget,
        LifetimeActions.Gc,
        LifetimeActions.Sleep,
        LifetimeActions.Barrier {

    void run(World w) throws Exception;

    /** This action as Java statements over the arrays of {@link JavaRepro}. */
    String java();

    /** Whether this action uses a {@code Msg.data()} view, which belongs to the thread that took it. */
    default boolean usesView() {
        return false;
    }

    /** The errnos the called methods' javadoc documents; null if it allows any. */
    default Set<Errno> documented() {
        return null;
    }

    Set<Errno> ENDPOINT = EnumSet.of(EINVAL, EPROTONOSUPPORT, ENOCOMPATPROTO, EADDRINUSE, EADDRNOTAVAIL, ENODEV,
            EMTHREAD, ETERM, ENOENT, EMFILE);
    Set<Errno> OPTION = EnumSet.of(EINVAL, ETERM);
}
