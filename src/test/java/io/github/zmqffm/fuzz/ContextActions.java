package io.github.zmqffm.fuzz;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Errno;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import static io.github.zmqffm.Errno.*;

/** The actions on contexts: create, close, shut down, options, adopt. */
final class ContextActions {

    private ContextActions() {}

    /** A new context with bounded close timings (the defaults wait 1 s + 10 s, too long for a fuzz step). */
    record NewContext(int c, int ioThreads, int lingerMs, int graceMs, int termMs) implements Action {
        public void run(World w) {
            if (Harness.open(w.contexts.get(c))) {
                return;
            }
            Context context = new Context(ioThreads);
            context.setCloseLinger(Duration.ofMillis(lingerMs));
            context.setCloseGrace(Duration.ofMillis(graceMs));
            context.setTermTimeout(Duration.ofMillis(termMs));
            w.contextHandles.set(c, context.handle());
            w.contexts.set(c, context);
        }

        public String java() {
            return "ctx[" + c + "] = new Context(" + ioThreads + "); ctx[" + c + "].setCloseLinger(Duration.ofMillis("
                    + lingerMs + ")); ctx[" + c + "].setCloseGrace(Duration.ofMillis(" + graceMs + ")); ctx[" + c
                    + "].setTermTimeout(Duration.ofMillis(" + termMs + "));";
        }

        public Set<Errno> documented() {
            return EnumSet.of(EMFILE, EINVAL);
        }
    }

    record CloseContext(int c) implements Action {
        public void run(World w) {
            Context context = w.contexts.get(c);
            if (context != null) {
                context.close();
            }
        }

        public String java() {
            return "ctx[" + c + "].close();";
        }
    }

    record Shutdown(int c) implements Action {
        public void run(World w) {
            Context context = w.contexts.get(c);
            if (context != null) {
                context.shutdown();
            }
        }

        public String java() {
            return "ctx[" + c + "].shutdown();";
        }
    }

    record ContextSet(int c, ContextOption option, int value) implements Action {
        public void run(World w) {
            Context context = w.contexts.get(c);
            if (context != null) {
                context.set(option, effective());
            }
        }

        /** I/O threads are started for real: keep their number small (negative and zero stay odd). */
        int effective() {
            return option == ContextOption.IO_THREADS && value > 4 ? 4 : value;
        }

        public String java() {
            return "ctx[" + c + "].set(ContextOption." + option + ", " + effective() + ");";
        }

        public Set<Errno> documented() {
            return EnumSet.of(EINVAL);
        }
    }

    record ContextGet(int c, ContextOption option) implements Action {
        public void run(World w) {
            Context context = w.contexts.get(c);
            if (context != null) {
                context.get(option);
            }
        }

        public String java() {
            return "ctx[" + c + "].get(ContextOption." + option + ");";
        }

        public Set<Errno> documented() {
            return EnumSet.of(EINVAL);
        }
    }

    /** Which handle {@link Adopt} is given. */
    enum AdoptHow { LIVE, DEAD, BOGUS }

    /** {@code Context.adopt} of a live context's handle, of one already terminated, or of a made-up address. */
    record Adopt(int c, int from, AdoptHow how) implements Action {
        public void run(World w) {
            if (Harness.open(w.contexts.get(c))) {
                return;
            }
            MemorySegment handle = switch (how) {
                case LIVE -> {
                    Context source = w.contexts.get(from);
                    yield source == null || source.isClosed() ? null : source.handle();
                }
                case DEAD -> {
                    Context source = w.contexts.get(from);
                    yield source != null && source.isClosed() ? w.contextHandles.get(from) : null;
                }
                case BOGUS -> MemorySegment.ofAddress(0x1000);
            };
            if (handle != null) {
                w.contexts.set(c, Context.adopt(handle));
            }
        }

        public String java() {
            return switch (how) {
                case LIVE -> "ctx[" + c + "] = Context.adopt(ctx[" + from + "].handle());";
                case DEAD -> "MemorySegment dead = ctx[" + from + "].handle(); ctx[" + from + "].close(); ctx[" + c
                        + "] = Context.adopt(dead);";
                case BOGUS -> "ctx[" + c + "] = Context.adopt(MemorySegment.ofAddress(0x1000));";
            };
        }
    }
}
