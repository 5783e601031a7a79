package io.github.zmqffm.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fuzz sequence: steps, each an {@link Action} on one of {@code threads} threads. Each thread runs its own steps
 * in order, all threads at once. The text form (one step a line, {@code t1 Send s=2 how=MSG ...}) is what the
 * parent sends a child JVM and what a report shows.
 */
record Sequence(int threads, List<Step> steps) {

    /** One action and the thread that runs it. */
    record Step(int thread, Action action) {
        @Override
        public String toString() {
            return "t" + thread + " " + encode(action);
        }
    }

    Sequence {
        steps = List.copyOf(steps);
    }

    /** The same threads with only the given steps. */
    Sequence with(List<Step> kept) {
        return new Sequence(threads, kept);
    }

    /** The steps of one thread, in order. */
    List<Action> of(int thread) {
        return steps.stream().filter(step -> step.thread() == thread).map(Step::action).toList();
    }

    /** The text form: a {@code threads N} line, then one line per step. */
    String text() {
        StringBuilder text = new StringBuilder("threads ").append(threads).append('\n');
        for (Step step : steps) {
            text.append(step).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Parses {@link #text()}. */
    static Sequence parse(List<String> lines) {
        int threads = Integer.parseInt(lines.getFirst().substring("threads ".length()).trim());
        List<Step> steps = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                int space = line.indexOf(' ');
                steps.add(new Step(Integer.parseInt(line.substring(1, space)), decode(line.substring(space + 1))));
            }
        }
        return new Sequence(threads, steps);
    }

    private static final Map<String, Class<?>> ACTIONS = new HashMap<>();

    static {
        for (Class<?> type : Action.class.getPermittedSubclasses()) {
            ACTIONS.put(type.getSimpleName(), type);
        }
    }

    /** {@code Name field=value ...} for a record of ints, longs, booleans and enums. */
    static String encode(Action action) {
        StringBuilder text = new StringBuilder(action.getClass().getSimpleName());
        for (RecordComponent component : action.getClass().getRecordComponents()) {
            try {
                text.append(' ').append(component.getName()).append('=')
                        .append(component.getAccessor().invoke(action));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.toString();
    }

    static Action decode(String text) {
        String[] words = text.trim().split(" ");
        Class<?> type = ACTIONS.get(words[0]);
        if (type == null) {
            throw new IllegalArgumentException("no action " + words[0]);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String word = words[i + 1];
            String prefix = components[i].getName() + "=";
            if (!word.startsWith(prefix)) {
                throw new IllegalArgumentException("expected " + prefix + " in " + text);
            }
            values[i] = value(components[i].getType(), word.substring(prefix.length()));
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return (Action) constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Class<?> type, String text) {
        if (type == int.class) {
            return Integer.parseInt(text);
        } else if (type == long.class) {
            return Long.parseLong(text);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, text);
        }
        throw new IllegalArgumentException("cannot decode a " + type);
    }
}
