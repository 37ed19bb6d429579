package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Runs a one-run BenchmarkRun document with the local runner, the console kept, and reads its run back. */
final class LocalRuns {

    private LocalRuns() {
    }

    /** yaml is the document from spec: on (its name is given); results go under results, the console to console. */
    static RunResult runOnce(String name, String spec, Path results, ByteArrayOutputStream console) throws Exception {
        LocalRunner runner = new LocalRunner(new PrintStream(console, true, StandardCharsets.UTF_8), results,
                Optional.empty(), new LoadgenMetrics("postgresql", "test"), Duration.ofHours(1));
        runner.run(new SpecLoader().parse("apiVersion: ledgerbench.io/v1alpha1\nkind: BenchmarkRun\nmetadata: {name: "
                + name + "}\n" + spec, "test"));
        return ResultsWriter.json().readValue(results.resolve(name + "/run-1.json").toFile(), RunResult.class);
    }
}
