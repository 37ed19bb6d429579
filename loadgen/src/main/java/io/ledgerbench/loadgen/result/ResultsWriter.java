package io.ledgerbench.loadgen.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes results where a person and a script find them: results/NAME/run-N.json,
 * results/NAME/aggregate.json, results/NAME/report.txt, and one row per run and per aggregate
 * appended to results/comparison.csv, so several configurations compare in one file.
 */
public final class ResultsWriter {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path resultsDirectory;

    public ResultsWriter(Path resultsDirectory) {
        this.resultsDirectory = resultsDirectory;
    }

    /** The JSON mapper results are written and read with. */
    public static ObjectMapper json() {
        return JSON.copy();
    }

    public Path benchmarkDirectory(String name) {
        return resultsDirectory.resolve(name);
    }

    public Path comparisonCsv() {
        return resultsDirectory.resolve("comparison.csv");
    }

    /** Writes run-N.json; returns its path. */
    public Path writeRun(RunResult run) throws IOException {
        Path file = benchmarkDirectory(run.name()).resolve("run-" + run.run() + ".json");
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), run);
        return file;
    }

    /** Writes aggregate.json and report.txt and appends the rows to comparison.csv. */
    public void writeAggregate(AggregateResult aggregate, List<RunResult> runs, String report) throws IOException {
        Path directory = benchmarkDirectory(aggregate.name());
        Files.createDirectories(directory);
        JSON.writeValue(directory.resolve("aggregate.json").toFile(), aggregate);
        Files.writeString(directory.resolve("report.txt"), report, StandardCharsets.UTF_8);
        appendComparison(aggregate, runs);
    }

    /**
     * Appends to comparison.csv when its header is this version's; a file with other columns (an older
     * version's) is first kept aside as comparison-until-&lt;time&gt;.csv, so no row lands under the wrong heading.
     */
    private void appendComparison(AggregateResult aggregate, List<RunResult> runs) throws IOException {
        Path csv = comparisonCsv();
        if (Files.exists(csv) && !ComparisonCsv.HEADER.equals(firstLine(csv))) {
            String until = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .format(java.time.LocalDateTime.now());
            Files.move(csv, csv.resolveSibling("comparison-until-" + until + ".csv"));
        }
        String rows = Files.exists(csv) ? ComparisonCsv.rows(aggregate, runs) : ComparisonCsv.table(aggregate, runs);
        Files.writeString(csv, rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String firstLine(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("");
        }
    }
}
