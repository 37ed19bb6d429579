package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.comparison.BenchmarkComparison;
import io.ledgerbench.loadgen.comparison.ComparisonCalculator;
import io.ledgerbench.loadgen.comparison.ComparisonResult;
import io.ledgerbench.loadgen.comparison.ComparisonSchedule;
import io.ledgerbench.loadgen.comparison.ComparisonTable;
import io.ledgerbench.loadgen.comparison.HtmlReport;
import io.ledgerbench.loadgen.comparison.Variant;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.ResultsReport;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.workload.WorkloadRandom;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a BenchmarkComparison on this machine: round by round, every variant once per round in the
 * rotated order, each measurement an ordinary local run of the variant's BenchmarkRun on freshly
 * started servers with the round's seed. Writes every run, each variant's aggregate, comparison.json,
 * the CSV rows and report.html under results/&lt;comparison&gt;/, and prints the table and the verdict.
 */
public final class LocalComparisonRunner {

    private final PrintStream out;
    private final Path resultsDirectory;
    private final Optional<PostgresEndpoint> externalPostgres;
    private final LoadgenMetrics metrics;
    private final Duration progressInterval;

    public LocalComparisonRunner(PrintStream out, Path resultsDirectory, Optional<PostgresEndpoint> externalPostgres,
                                 LoadgenMetrics metrics, Duration progressInterval) {
        this.out = out;
        this.resultsDirectory = resultsDirectory;
        this.externalPostgres = externalPostgres;
        this.metrics = metrics;
        this.progressInterval = progressInterval;
    }

    /** Refuses, before anything starts, a comparison with a variant the local runner cannot run. */
    public static void checkSupported(BenchmarkComparison comparison, boolean externalServer) {
        for (Variant variant : comparison.variants()) {
            LocalRunner.checkSupported(variant.run().spec(), externalServer);
        }
    }

    public ComparisonResult run(BenchmarkComparison comparison) throws IOException, InterruptedException {
        checkSupported(comparison, externalPostgres.isPresent());
        long seed = Optional.ofNullable(comparison.seed()).orElseGet(WorkloadRandom::newSeed);
        List<String> names = comparison.variants().stream().map(Variant::name).toList();
        List<ComparisonSchedule.Slot> slots = ComparisonSchedule.slots(names, comparison.rounds(), seed);
        Path directory = resultsDirectory.resolve(comparison.name());
        ResultsWriter writer = new ResultsWriter(directory);
        LocalRunner runner = new LocalRunner(out, directory, externalPostgres, metrics, progressInterval);
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        names.forEach(name -> runs.put(name, new ArrayList<>()));
        for (int index = 0; index < slots.size(); index++) {
            ComparisonSchedule.Slot slot = slots.get(index);
            Variant variant = comparison.variants().stream().filter(v -> v.name().equals(slot.variant())).findFirst()
                    .orElseThrow();
            out.printf("%n== round %d/%d, %s (measurement %d of %d, seed %d) ==%n", slot.round(), comparison.rounds(),
                    slot.variant(), index + 1, slots.size(), slot.seed());
            RunResult result = runner.runSingle(variant.run(), slot.round(), slot.seed());
            writer.writeRun(result);
            runs.get(slot.variant()).add(result);
            out.printf("[round %d, %s] %.1f TPS, p99 %.2f ms, %s%n", slot.round(), slot.variant(),
                    result.throughputPerSec(), result.latencyMs().p99Ms(), result.valid() ? "valid" : "INVALID");
        }
        for (Variant variant : comparison.variants()) {
            List<RunResult> variantRuns = runs.get(variant.name());
            AggregateResult aggregate = ResultCalculator.aggregate(variantRuns);
            writer.writeAggregate(aggregate, variantRuns, ResultsReport.render(aggregate, variantRuns));
        }
        List<String> order = new ArrayList<>();
        for (int round = 1; round <= comparison.rounds(); round++) {
            int r = round;
            order.add("round " + round + ": " + slots.stream().filter(slot -> slot.round() == r)
                    .map(ComparisonSchedule.Slot::variant).collect(Collectors.joining(", ")));
        }
        ComparisonResult result = ComparisonCalculator.compare(comparison, seed, order, runs);
        Files.createDirectories(directory);
        ResultsWriter.json().writeValue(directory.resolve("comparison.json").toFile(), result);
        Files.writeString(directory.resolve("report.html"), HtmlReport.render(result, runs), StandardCharsets.UTF_8);
        out.println();
        out.print(ComparisonTable.render(result));
        out.println();
        out.println("results: " + directory + "/ (comparison.json, report.html, comparison.csv, each variant's runs)");
        return result;
    }
}
