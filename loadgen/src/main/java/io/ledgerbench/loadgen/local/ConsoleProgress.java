package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.schedule.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/** Prints one progress line per report: run, phase, time in phase, current TPS, p99 so far, outcomes. */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final int run;
    private final int runs;

    public ConsoleProgress(PrintStream out, int run, int runs) {
        this.out = out;
        this.run = run;
        this.runs = runs;
    }

    @Override
    public void progress(Progress progress) {
        out.printf(Locale.ROOT, "[run %d/%d] %-11s %3ds/%ds  tps %9.1f  p99 %8.2f ms  completed %d  rejected %d"
                        + "  failed %d  in flight %d%n",
                run, runs, progress.phase().label(), progress.elapsedInPhase().toSeconds(),
                progress.phaseDuration().toSeconds(), progress.answeredPerSec(),
                progress.latencyP99NanosSoFar() / 1e6, progress.completed(), progress.rejected(), progress.failed(),
                progress.inFlight());
    }
}
