package io.ledgerbench.operator.dependent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.comparison.ComparisonCalculator;
import io.ledgerbench.loadgen.comparison.HtmlReport;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ComparisonCsv;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.model.ResultsConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the results ConfigMap. A run's result is written once under its own key, so
 * storing it again after a restart overwrites it with the same content and never counts it twice.
 */
public final class ResultsStore {

    private final KubernetesClient client;
    private final ObjectMapper json = ResultsWriter.json();

    public ResultsStore(KubernetesClient client) {
        this.client = client;
    }

    public void writeRun(BenchmarkRun owner, RunResult result) {
        put(owner, Map.of(ResultsConfigMap.runKey(result.run()), write(result)));
    }

    /** Every stored run, in run order. */
    public List<RunResult> runs(BenchmarkRun owner) {
        return current(owner).map(configMap -> configMap.getData().entrySet().stream()
                        .filter(entry -> ResultsConfigMap.runOfKey(entry.getKey()) > 0)
                        .map(entry -> read(entry.getValue()))
                        .sorted(Comparator.comparingInt(RunResult::run))
                        .toList())
                .orElse(List.of());
    }

    public void writeAggregate(BenchmarkRun owner, AggregateResult aggregate, List<RunResult> runs, String report) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ResultsConfigMap.AGGREGATE_KEY, write(aggregate));
        data.put(ResultsConfigMap.COMPARISON_KEY, ComparisonCsv.table(aggregate, runs));
        data.put(ResultsConfigMap.REPORT_KEY, report);
        // The same report.html the local runner writes, unless it would push the ConfigMap over the 1 MiB
        // Kubernetes allows (many long runs): the figures matter more than their plots.
        String html = HtmlReport.render(ComparisonCalculator.single(runs), Map.of(owner.getMetadata().getName(), runs));
        long stored = current(owner).map(configMap -> configMap.getData().values().stream()
                .mapToLong(value -> value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum()).orElse(0L);
        long added = data.values().stream().mapToLong(value -> value.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length).sum();
        if (stored + added + html.length() < ResultsConfigMap.MAX_DATA_BYTES) {
            data.put(ResultsConfigMap.HTML_REPORT_KEY, html);
        }
        put(owner, data);
    }

    private Optional<ConfigMap> current(BenchmarkRun owner) {
        return Optional.ofNullable(client.configMaps().inNamespace(owner.getMetadata().getNamespace())
                .withName(new ResourceNames(owner.getMetadata().getName()).resultsConfigMap()).get());
    }

    private void put(BenchmarkRun owner, Map<String, String> entries) {
        ConfigMap existing = current(owner).orElse(null);
        if (existing == null) {
            client.resource(ResultsConfigMap.build(owner, entries)).create();
            return;
        }
        client.configMaps().inNamespace(owner.getMetadata().getNamespace()).withName(existing.getMetadata().getName())
                .edit(configMap -> {
                    Map<String, String> data = new LinkedHashMap<>(Optional.ofNullable(configMap.getData()).orElse(Map.of()));
                    data.putAll(entries);
                    configMap.setData(data);
                    return configMap;
                });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RunResult read(String text) {
        try {
            return json.readValue(text, RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable run result in the results ConfigMap: " + e.getMessage(), e);
        }
    }
}
