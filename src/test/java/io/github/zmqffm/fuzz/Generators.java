package io.github.zmqffm.fuzz;

import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Poller;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.fuzz.ContextActions.*;
import io.github.zmqffm.fuzz.LifetimeActions.*;
import io.github.zmqffm.fuzz.MsgActions.*;
import io.github.zmqffm.fuzz.PollActions.*;
import io.github.zmqffm.fuzz.SocketActions.*;
import io.github.zmqffm.fuzz.TransferActions.*;
import io.github.zmqffm.fuzz.Harness.Transport;
import io.github.zmqffm.fuzz.Harness.WrapSource;
import io.github.zmqffm.fuzz.Sequence.Step;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * jqwik arbitraries for fuzz sequences: a prologue on thread 0 (a context and one to three connected socket pairs,
 * so that messages flow) and a body of random steps over all threads. Weights favour sends and receives; values
 * favour the odd ones (edge cases, negative, huge, out of range). {@code excluded} drops actions by name
 * ({@code UseView}) or by one enum value of a field ({@code Send:VIEW}, {@code Adopt:BOGUS}), to look past a known
 * class of failure.
 */
final class Generators {

    private final int maxThreads;
    private final Set<String> excluded;

    Generators(int maxThreads, Set<String> excluded) {
        this.maxThreads = maxThreads;
        this.excluded = excluded;
    }

    Arbitrary<Sequence> sequences() {
        Arbitrary<Integer> threads = maxThreads == 1 ? Arbitraries.just(1)
                : Arbitraries.frequency(Tuple.of(1, 1), Tuple.of(3, 2), Tuple.of(maxThreads > 2 ? 3 : 0, 3))
                        .filter(t -> t <= maxThreads);
        return threads.flatMap(t -> Combinators.combine(prologue(), body(t)).as((head, tail) -> {
            List<Step> steps = new ArrayList<>(head);
            steps.addAll(tail);
            return new Sequence(t, steps);
        }));
    }

    private Arbitrary<List<Step>> prologue() {
        Arbitrary<NewContext> context = Combinators.combine(Arbitraries.of(1, 1, 1, 2), ms(0, 20), ms(0, 50),
                ms(50, 300)).as((io, linger, grace, term) -> new NewContext(0, io, linger, grace, term));
        // One to three pairs in slots (0,1), (2,3), (4,5).
        Arbitrary<List<Pair>> pairs = Combinators.combine(Arbitraries.of(PairKind.class), transports(), ms(0, 30))
                .as((kind, transport, timeout) -> new Pair(0, 1, 0, kind, transport, timeout))
                .list().ofMinSize(1).ofMaxSize(3)
                .map(specs -> {
                    List<Pair> placed = new ArrayList<>();
                    for (Pair p : specs) {
                        int a = 2 * placed.size();
                        placed.add(new Pair(a, a + 1, 0, p.kind(), p.transport(), p.timeoutMs()));
                    }
                    return placed;
                });
        // Zero to two messages in slots 0 and 1, the ones the body names most.
        Arbitrary<List<NewMsg>> msgs = Combinators.combine(Arbitraries.of(MsgHow.class), size(),
                Arbitraries.of(WrapSource.class)).as((how, size, source) -> new NewMsg(0, how, size, source))
                .list().ofMaxSize(2)
                .map(specs -> {
                    List<NewMsg> placed = new ArrayList<>();
                    for (NewMsg m : specs) {
                        placed.add(new NewMsg(placed.size(), m.how(), m.size(), m.source()));
                    }
                    return placed;
                });
        return Combinators.combine(context, pairs, msgs).as((c, p, m) -> {
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(0, c));
            p.forEach(pair -> steps.add(new Step(0, pair)));
            m.forEach(msg -> steps.add(new Step(0, msg)));
            return steps;
        });
    }

    /** Single random steps and, now and then, a race. */
    private Arbitrary<List<Step>> body(int threads) {
        Arbitrary<List<Step>> single = Combinators.combine(Arbitraries.integers().between(0, threads - 1), action())
                .as(Step::new).map(List::of);
        Arbitrary<List<Step>> chunk = threads == 1 ? single
                : Arbitraries.frequencyOf(Tuple.of(6, single), Tuple.of(1, race(threads)));
        return chunk.list().ofMinSize(1).ofMaxSize(30).map(chunks -> {
            List<Step> steps = new ArrayList<>();
            chunks.forEach(steps::addAll);
            return steps;
        });
    }

    /**
     * A race: every thread waits at a barrier, then thread 0 starts a call that uses slot {@code k} (a blocking
     * receive, a poll, a view read...) while another thread, after a short sleep, does something to the same slot
     * (closes it, shuts the context down, moves the message on, uses the socket too).
     */
    private Arbitrary<List<Step>> race(int threads) {
        return Combinators.combine(Arbitraries.integers().between(1, threads - 1),
                Arbitraries.integers().between(0, World.SOCKETS - 1), ms(0, 5))
                .flatAs((other, k, sleep) -> Combinators.combine(busy(k), disrupting(k)).as((a, b) -> {
                    List<Step> steps = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        steps.add(new Step(t, new Barrier()));
                    }
                    steps.add(new Step(0, a));
                    if (sleep > 0) {
                        steps.add(new Step(other, new Sleep(sleep)));
                    }
                    steps.add(new Step(other, b));
                    return steps;
                }))
                .filter(steps -> steps.stream().noneMatch(step -> excluded(step.action())));
    }

    private Arbitrary<Action> busy(int k) {
        int m = k % World.MSGS;
        int p = k % World.POLLERS;
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(RecvHow.class), size(), Arbitraries.integers().between(-2, 9))
                        .as((how, size, aux) -> new Recv(k, how, size, RecvFlag.NONE, aux)),
                Combinators.combine(Arbitraries.of(SendHow.class).filter(h -> h != SendHow.MAPPED), size(),
                        Arbitraries.integers().between(-2, 9))
                        .as((how, size, aux) -> new Send(k, how, size, SendFlag.NONE, aux)),
                ms(10, 30).map(t -> new Poll(p, t)),
                ms(10, 30).map(t -> new SocketPollerPoll(p, t, 0)),
                ms(10, 30).map(t -> new MonitorNext(k % World.MONITORS, t)),
                Combinators.combine(Arbitraries.of(ViewOp.class), oddInts()).as((op, at) -> new UseView(m, op, at)),
                Arbitraries.of(MsgQuery.class).map(q -> new MsgRead(m, q, 1)),
                ms(10, 30).map(t -> new RecvAlone(k, t, true)));
    }

    private Arbitrary<Action> disrupting(int k) {
        int m = k % World.MSGS;
        int p = k % World.POLLERS;
        return Arbitraries.oneOf(
                Arbitraries.just(new CloseSocket(k)), Arbitraries.just(new CloseContext(0)),
                Arbitraries.just(new Shutdown(0)), Arbitraries.just(new MsgClose(m)),
                Arbitraries.of(0L, 64L, 300_000L).map(size -> new MsgReset(m, size)),
                Arbitraries.just(new ClosePoller(p)), Arbitraries.just(new CloseSocketPoller(p)),
                Arbitraries.just(new CloseMonitor(k % World.MONITORS)),
                Arbitraries.just(new CloseArena(k % World.ARENAS)), Arbitraries.just(new Gc()),
                Arbitraries.of(Kind.class).map(kind -> new Forget(kind, k)),
                Combinators.combine(Arbitraries.of(SendHow.class).filter(h -> h != SendHow.MAPPED), size())
                        .as((how, size) -> new Send(k, how, size, SendFlag.NONE, 0)),
                Combinators.combine(Arbitraries.of(RecvHow.class), size())
                        .as((how, size) -> new Recv(k, how, size, RecvFlag.NONE, 0)));
    }

    Arbitrary<Action> action() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, send()), Tuple.of(40, recv()),
                Tuple.of(12, Combinators.combine(socket(), Arbitraries.integers().between(0, Options.WRITABLE.size() - 1),
                        oddLongs(), optionBytes()).as(SetOption::new)),
                Tuple.of(6, Combinators.combine(socket(), Arbitraries.integers().between(0, Options.READABLE.size() - 1))
                        .as(GetOption::new)),
                Tuple.of(15, Combinators.combine(socket(), Arbitraries.frequency(Tuple.of(5, Verb.BIND),
                        Tuple.of(6, Verb.CONNECT), Tuple.of(2, Verb.UNBIND), Tuple.of(2, Verb.DISCONNECT)), transports(),
                        key()).as(Endpoint::new)),
                Tuple.of(4, Combinators.combine(socket(), context(), Arbitraries.of(SocketType.class), ms(0, 30),
                        ms(0, 30), Arbitraries.of(0, 0, 0, 10, -1)).as(NewSocket::new)),
                Tuple.of(4, Combinators.combine(socket(), socket(), context(), Arbitraries.of(PairKind.class),
                        transports(), ms(0, 30)).as(Pair::new)),
                Tuple.of(6, socket().map(CloseSocket::new)),
                Tuple.of(2, Combinators.combine(socket(), Arbitraries.integers().between(0, 5), Arbitraries.of(false, true))
                        .as(Join::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, World.SOCKETS - 1), ms(0, 50),
                        Arbitraries.of(true, false)).as(RecvAlone::new)),
                Tuple.of(2, Combinators.combine(context(), Arbitraries.of(1, 1, 2, 0, -1), ms(0, 20), ms(0, 50),
                        ms(20, 300)).as(NewContext::new)),
                Tuple.of(3, context().map(CloseContext::new)),
                Tuple.of(3, context().map(Shutdown::new)),
                Tuple.of(2, Combinators.combine(context(), Arbitraries.of(ContextOption.class), oddInts())
                        .as(ContextSet::new)),
                Tuple.of(1, Combinators.combine(context(), Arbitraries.of(ContextOption.class)).as(ContextGet::new)),
                Tuple.of(1, Combinators.combine(context(), context(), Arbitraries.of(AdoptHow.class)).as(Adopt::new)),
                Tuple.of(8, Combinators.combine(msg(), Arbitraries.of(MsgHow.class), size(), Arbitraries.of(WrapSource.class))
                        .as(NewMsg::new)),
                Tuple.of(4, Combinators.combine(msg(), Arbitraries.oneOf(Arbitraries.longs().between(0, 100),
                        Arbitraries.of(-1L, 0L, 65536L, 4L << 20, Long.MAX_VALUE))).as(MsgReset::new)),
                Tuple.of(4, msg().map(MsgClose::new)),
                Tuple.of(6, Combinators.combine(msg(), Arbitraries.of(MsgQuery.class), oddInts()).as(MsgRead::new)),
                Tuple.of(8, Combinators.combine(msg(), view()).as(TakeView::new)),
                Tuple.of(10, Combinators.combine(view(), Arbitraries.of(ViewOp.class), oddInts()).as(UseView::new)),
                Tuple.of(2, Combinators.combine(arena(), Arbitraries.of(false, false, true)).as(NewArena::new)),
                Tuple.of(2, arena().map(CloseArena::new)),
                Tuple.of(2, Combinators.combine(poller(), Arbitraries.of(16, 1, 2, 0, -1)).as(NewPoller::new)),
                Tuple.of(4, Combinators.combine(poller(), socket(), events()).as(PollerAdd::new)),
                Tuple.of(1, Combinators.combine(poller(), fds(), events()).as(PollerAddFd::new)),
                Tuple.of(2, Combinators.combine(poller(), indexes(), Arbitraries.of(false, true)).as(PollerRemove::new)),
                Tuple.of(1, Combinators.combine(poller(), indexes(), events()).as(PollerSetEvents::new)),
                Tuple.of(5, Combinators.combine(poller(), ms(0, 30)).as(Poll::new)),
                Tuple.of(2, Combinators.combine(poller(), indexes(), Arbitraries.of(PollQuery.class)).as(PollerRead::new)),
                Tuple.of(2, poller().map(ClosePoller::new)),
                Tuple.of(2, poller().map(NewSocketPoller::new)),
                Tuple.of(5, Combinators.combine(poller(), Arbitraries.of(SpOp.class),
                        Arbitraries.oneOf(socket(), fds()), events()).as(SocketPollerOp::new)),
                Tuple.of(4, Combinators.combine(poller(), ms(0, 30), Arbitraries.of(0, 0, 1, -1, 2)).as(SocketPollerPoll::new)),
                Tuple.of(2, poller().map(CloseSocketPoller::new)),
                Tuple.of(2, Combinators.combine(monitor(), socket(), Arbitraries.frequency(Tuple.of(6, 0x7FFF),
                        Tuple.of(2, 0x1FFFF), Tuple.of(1, 0), Tuple.of(2, 0x2A5))).as(NewMonitor::new)),
                Tuple.of(3, Combinators.combine(monitor(), ms(0, 30)).as(MonitorNext::new)),
                Tuple.of(2, monitor().map(CloseMonitor::new)),
                Tuple.of(4, Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 5))
                        .as(Forget::new)),
                Tuple.of(4, Arbitraries.just(new Gc())),
                Tuple.of(3, ms(0, 10).map(Sleep::new)))
         // barriers come only with races, on every thread (a lone one would wait for threads that never come)
                .filter(action -> !excluded(action));
    }

    private Arbitrary<Action> send() {
        // A truncated mapped file crashes (SIGBUS) until it is guarded: rare, so that it does not hide the rest.
        Arbitrary<SendHow> how = Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.of(SendHow.class)
                .filter(h -> h != SendHow.MAPPED)), Tuple.of(1, Arbitraries.just(SendHow.MAPPED)));
        return Combinators.combine(socket(), how, size(),
                Arbitraries.frequency(Tuple.of(3, SendFlag.DONTWAIT), Tuple.of(3, SendFlag.NONE),
                        Tuple.of(1, SendFlag.SNDMORE), Tuple.of(1, SendFlag.DONTWAIT_SNDMORE)),
                Arbitraries.integers().between(-2, 9)).as(Send::new);
    }

    private Arbitrary<Action> recv() {
        return Combinators.combine(socket(), Arbitraries.of(RecvHow.class), size(),
                Arbitraries.of(RecvFlag.DONTWAIT, RecvFlag.NONE), Arbitraries.integers().between(-2, 9)).as(Recv::new);
    }

    /** Whether an action is excluded by its name or by one of its enum values ({@code Name:VALUE}). */
    boolean excluded(Action action) {
        String name = action.getClass().getSimpleName();
        if (excluded.contains(name)) {
            return true;
        }
        for (RecordComponent component : action.getClass().getRecordComponents()) {
            if (component.getType().isEnum()) {
                try {
                    if (excluded.contains(name + ":" + component.getAccessor().invoke(action))) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return false;
    }

    private static Arbitrary<Integer> socket() {
        return Arbitraries.integers().between(0, World.SOCKETS - 1);
    }

    private static Arbitrary<Integer> context() {
        return Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1));
    }

    /** Message and view slots, favouring 0 and 1 where the prologue puts messages. */
    private static Arbitrary<Integer> msg() {
        return Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(3, 1), Tuple.of(1, 2), Tuple.of(1, 3));
    }

    private static Arbitrary<Integer> view() {
        return Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(3, 1), Tuple.of(1, 2), Tuple.of(1, 3));
    }

    private static Arbitrary<Integer> arena() {
        return Arbitraries.integers().between(0, World.ARENAS - 1);
    }

    private static Arbitrary<Integer> poller() {
        return Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1));
    }

    private static Arbitrary<Integer> monitor() {
        return Arbitraries.integers().between(0, World.MONITORS - 1);
    }

    private static Arbitrary<Integer> key() {
        return Arbitraries.integers().between(0, World.ENDPOINTS - 1);
    }

    private static Arbitrary<Integer> ms(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    /**
     * Payload sizes: mostly small, some empty, some medium, a few large (256 KiB..1 MiB) enough that their memory is
     * unmapped when freed (the children fix glibc's mmap threshold at 128 KiB), so that a stale read faults.
     */
    private static Arbitrary<Integer> size() {
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.integers().between(1, 64)),
                Tuple.of(2, Arbitraries.just(0)), Tuple.of(3, Arbitraries.integers().between(65, 65536)),
                Tuple.of(1, Arbitraries.integers().between(256 << 10, Harness.MAX_SIZE)));
    }

    private static Arbitrary<Transport> transports() {
        return Arbitraries.frequency(Tuple.of(6, Transport.INPROC), Tuple.of(6, Transport.TCP),
                Tuple.of(3, Transport.IPC), Tuple.of(1, Transport.WS), Tuple.of(1, Transport.TCP_NO_LISTENER),
                Tuple.of(1, Transport.TCP_PORT_99999), Tuple.of(1, Transport.EMBEDDED_NUL),
                Tuple.of(1, Transport.LONG_INPROC), Tuple.of(1, Transport.GARBAGE), Tuple.of(1, Transport.EMPTY));
    }

    private static Arbitrary<Integer> oddInts() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-2, 100),
                Arbitraries.of(-1, 0, 1, 2, 65535, 65536, 100000, Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    private static Arbitrary<Long> oddLongs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-2, 1000),
                Arbitraries.of(-1L, 0L, 1L, 100000L, (long) Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE));
    }

    private static Arbitrary<Integer> optionBytes() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(0, 64)),
                Tuple.of(1, Arbitraries.integers().between(0, 600)),
                Tuple.of(1, Arbitraries.integers().between(3, 600).map(n -> n | 0x4000)));
    }

    private static Arbitrary<Integer> events() {
        return Arbitraries.of(Poller.POLLIN, Poller.POLLOUT, Poller.POLLIN | Poller.POLLOUT, 0, Poller.POLLERR,
                Poller.POLLPRI, 0xFF, -1);
    }

    private static Arbitrary<Integer> fds() {
        return Arbitraries.of(-1, 0, 1, 2, 3, 100, 1023, 65536, Integer.MAX_VALUE);
    }

    private static Arbitrary<Integer> indexes() {
        return Arbitraries.of(0, 0, 1, 2, -1, 100);
    }
}
