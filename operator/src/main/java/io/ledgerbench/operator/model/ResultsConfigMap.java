package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.Map;

/**
 * The `<name>-results` ConfigMap: run-N.json as each run finishes (the record a restarted operator
 * rebuilds status from), then aggregate.json, comparison.csv, report.txt and report.html, as the local runner writes them.
 */
public final class ResultsConfigMap {

    public static final String AGGREGATE_KEY = "aggregate.json";
    public static final String COMPARISON_KEY = "comparison.csv";
    public static final String REPORT_KEY = "report.txt";
    public static final String HTML_REPORT_KEY = "report.html";
    /** What a ConfigMap may hold, less room for its keys and metadata: report.html is left out past it. */
    public static final long MAX_DATA_BYTES = 1_000_000;

    private ResultsConfigMap() {
    }

    public static String runKey(int run) {
        return "run-" + run + ".json";
    }

    /** The run number of a run-N.json key, or -1 for any other key. */
    public static int runOfKey(String key) {
        if (!key.startsWith("run-") || !key.endsWith(".json")) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring("run-".length(), key.length() - ".json".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static ConfigMap build(BenchmarkRun owner, Map<String, String> data) {
        String benchmark = owner.getMetadata().getName();
        return new ConfigMapBuilder()
                .withMetadata(Owners.metadata(owner, new ResourceNames(benchmark).resultsConfigMap(),
                        ClusterLabels.of(benchmark, ClusterLabels.RESULTS)))
                .withData(data)
                .build();
    }
}
