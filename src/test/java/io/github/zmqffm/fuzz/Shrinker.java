package io.github.zmqffm.fuzz;

import io.github.zmqffm.fuzz.Sequence.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing sequence to a minimal one that fails the same way (same kind and signature), by delta
 * debugging (Zeller's ddmin: drop ever smaller chunks of steps while the failure stays), then by moving every step
 * onto one thread. Each candidate runs in the child (a fresh one after every crash), and twice if it passes the first
 * time, since races need luck. Bounded by a number of runs and a time.
 */
final class Shrinker {

    /** The smallest failing sequence found, how many runs it took, and whether the failure reproduced at all. */
    record Result(Sequence minimal, Outcome outcome, int runs, boolean reproduced) {}

    private final FuzzProcess child;
    private final int maxRuns;
    private final long deadline;
    private int runs;
    private Outcome last;
    private Outcome found;

    Shrinker(FuzzProcess child, int maxRuns, long maxMillis) {
        this.child = child;
        this.maxRuns = maxRuns;
        this.deadline = System.nanoTime() + maxMillis * 1_000_000;
    }

    Result shrink(Sequence failing, Outcome target) {
        if (!fails(failing, target, 4)) {
            return new Result(failing, target, runs, false);
        }
        found = last;
        Sequence minimal = ddmin(failing, target);
        if (minimal.threads() > 1 && budgetLeft()) {
            Sequence single = new Sequence(1, minimal.steps().stream().map(s -> new Step(0, s.action())).toList());
            if (fails(single, target, 2)) {
                found = last;
                minimal = ddmin(single, target);
            }
        }
        return new Result(minimal, found, runs, true);
    }

    /** Zeller's ddmin over the steps: drop chunks (halves, quarters, ... single steps) while it still fails. */
    private Sequence ddmin(Sequence failing, Outcome target) {
        List<Step> steps = new ArrayList<>(failing.steps());
        int chunks = 2;
        while (steps.size() >= 2 && budgetLeft()) {
            int size = (steps.size() + chunks - 1) / chunks;
            boolean reduced = false;
            for (int start = 0; start < steps.size() && budgetLeft(); start += size) {
                List<Step> without = new ArrayList<>(steps.subList(0, start));
                without.addAll(steps.subList(Math.min(steps.size(), start + size), steps.size()));
                if (fails(failing.with(without), target, 2)) {
                    steps = without;
                    found = last;
                    chunks = Math.max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (chunks >= steps.size()) {
                    break;
                }
                chunks = Math.min(chunks * 2, steps.size());
            }
        }
        return failing.with(steps);
    }

    private boolean budgetLeft() {
        return runs < maxRuns && System.nanoTime() < deadline;
    }

    private boolean fails(Sequence candidate, Outcome target, int tries) {
        for (int i = 0; i < tries && budgetLeft(); i++) {
            runs++;
            Outcome outcome = child.run(candidate);
            if (outcome.key().equals(target.key())) {
                last = outcome;
                return true;
            }
        }
        return false;
    }
}
