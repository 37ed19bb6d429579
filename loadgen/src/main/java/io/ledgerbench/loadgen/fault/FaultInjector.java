package io.ledgerbench.loadgen.fault;

import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Applies a run's faults at their offsets into the measurement and restarts their nodes when asked,
 * one at a time on a thread of its own, recording when each happened. When a fault leaves the database
 * unable to commit and nothing will bring it back (a PostgreSQL primary lost for good), it ends the run
 * after {@link #OBSERVATION} with that reason: the outage is seen, then not waited out.
 */
public final class FaultInjector implements AutoCloseable {

    /** How long a run goes on after a fault it cannot recover from, to show that commits stopped. */
    public static final Duration OBSERVATION = Duration.ofSeconds(3);

    private final List<FaultSpec> faults;
    private final FaultTarget target;
    private final DatabaseSpec database;
    private final Consumer<String> endRun;
    private final Consumer<String> log;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("fault-injector").daemon().factory());
    private final List<AppliedFault> applied = new ArrayList<>();
    private final Set<String> down = new HashSet<>();
    private long measurementStartNanos;

    /** endRun ends the run with a reason; log tells the console what happens. */
    public FaultInjector(List<FaultSpec> faults, FaultTarget target, DatabaseSpec database, Consumer<String> endRun,
                         Consumer<String> log) {
        this.faults = faults.stream().sorted(Comparator.comparing(FaultSpec::atDuration)).toList();
        this.target = target;
        this.database = database;
        this.endRun = endRun;
        this.log = log;
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Schedules every fault from the measurement's start (System.nanoTime() at that moment). */
    public synchronized void start(long measurementStartNanos) {
        this.measurementStartNanos = measurementStartNanos;
        for (FaultSpec fault : faults) {
            long delay = measurementStartNanos + fault.atDuration().toNanos() - System.nanoTime();
            scheduler.schedule(() -> apply(fault), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    private void apply(FaultSpec fault) {
        int index;
        FaultExpectation expectation;
        synchronized (this) {
            expectation = FaultExpectation.of(database, fault.node(), down);
            index = applied.size();
        }
        long planned = fault.atDuration().toNanos();
        long at = sinceStart();
        AppliedFault happened;
        try {
            String detail = target.apply(fault.action(), fault.node());
            happened = new AppliedFault(fault.node(), fault.action(), planned, at, null, expectation, detail, null);
            log.accept(String.format(Locale.ROOT, "fault at +%.1f s: %s %s (%s, in %.2f s); expected: %s", at / 1e9,
                    fault.action().specValue(), fault.node(), detail, (sinceStart() - at) / 1e9,
                    expectation.explanation()));
        } catch (RuntimeException e) {
            happened = new AppliedFault(fault.node(), fault.action(), planned, null, null, expectation, "",
                    String.valueOf(e.getMessage()));
            log.accept("fault " + fault.action().specValue() + " " + fault.node() + " could NOT be applied: "
                    + e.getMessage());
        }
        synchronized (this) {
            applied.add(happened);
            if (happened.error() != null) {
                return;
            }
            down.add(fault.node());
        }
        if (fault.restartAfterDuration().isPresent()) {
            // From the moment the fault was applied, however long the kill took to confirm.
            schedule(() -> restart(index), Math.max(0, at + fault.restartAfterDuration().get().toNanos()
                    - sinceStart()), "the restart of " + fault.node());
        } else if (!expectation.keepsCommitting()) {
            String reason = String.format(Locale.ROOT, "%s was %s at +%.1f s and is not restarted: %s",
                    fault.node(), fault.action() == io.ledgerbench.loadgen.spec.FaultAction.KILL ? "killed" : "stopped",
                    at / 1e9, expectation.explanation());
            schedule(() -> {
                log.accept("ending the run: " + reason);
                endRun.accept(reason);
            }, Math.max(0, at + OBSERVATION.toNanos() - sinceStart()), "the end of the run");
        }
    }

    /** Schedules what, unless the run has ended meanwhile (then it is said, not silently dropped). */
    private void schedule(Runnable what, long delayNanos, String description) {
        try {
            scheduler.schedule(what, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.accept("the run ended before " + description + " was due: not made");
        }
    }

    private void restart(int index) {
        AppliedFault fault;
        synchronized (this) {
            fault = applied.get(index);
        }
        AppliedFault restarted;
        try {
            String what = target.restart(fault.node());
            long at = sinceStart();
            restarted = fault.restarted(at, what);
            log.accept(String.format(Locale.ROOT, "restarted %s at +%.1f s (%s)", fault.node(), at / 1e9, what));
        } catch (RuntimeException e) {
            restarted = fault.restartFailed(String.valueOf(e.getMessage()));
            log.accept("restart of " + fault.node() + " FAILED: " + e.getMessage());
        }
        synchronized (this) {
            applied.set(index, restarted);
            if (restarted.restartedAtNanos() != null) {
                down.remove(fault.node());
            }
        }
    }

    private long sinceStart() {
        return System.nanoTime() - measurementStartNanos;
    }

    /** The faults applied so far, in the order they happened (call after {@link #close}). */
    public synchronized List<AppliedFault> applied() {
        return List.copyOf(applied);
    }

    /** The nodes a fault brought down that are still down. */
    public synchronized Set<String> nodesDown() {
        return Set.copyOf(down);
    }

    /** Cancels what has not happened yet (a restart after the run's end) and waits for what is happening. */
    @Override
    public void close() {
        // Not shutdownNow: a node half started by an interrupted restart would be left in no known state.
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
