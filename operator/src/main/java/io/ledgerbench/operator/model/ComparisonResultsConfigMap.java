package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison;
import java.util.LinkedHashMap;
import java.util.Map;

/** The `<comparison>-results` ConfigMap: comparison.json, the CSV rows and report.html, owned by the comparison. */
public final class ComparisonResultsConfigMap {

    public static final String COMPARISON_JSON_KEY = "comparison.json";
    public static final String CSV_KEY = "comparison.csv";
    public static final String REPORT_KEY = "report.html";
    /** A ConfigMap holds at most 1 MiB; the report inlines its chart library, so its size is checked. */
    public static final int MAX_BYTES = 1024 * 1024;

    private ComparisonResultsConfigMap() {
    }

    public static String name(BenchmarkComparison comparison) {
        return new ResourceNames(comparison.getMetadata().getName()).resultsConfigMap();
    }

    public static ConfigMap build(BenchmarkComparison comparison, String comparisonJson, String csv, String reportHtml) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(COMPARISON_JSON_KEY, comparisonJson);
        data.put(CSV_KEY, csv);
        data.put(REPORT_KEY, reportHtml);
        return new ConfigMapBuilder()
                .withMetadata(Owners.metadata(comparison, name(comparison), Map.of(
                        ComparisonChildren.COMPARISON_LABEL, comparison.getMetadata().getName(),
                        ClusterLabels.MANAGED_BY, ClusterLabels.OPERATOR)))
                .withData(data)
                .build();
    }

    /** What stands in report.html's place when the report would push the ConfigMap over its limit. */
    public static String omittedReport(int reportBytes) {
        return "<!DOCTYPE html><html><body><p>report.html (" + reportBytes + " bytes) would not fit the 1 MiB a"
                + " ConfigMap holds; comparison.json has every figure.</p></body></html>";
    }

    /** The bytes the ConfigMap's data takes (what the 1 MiB limit counts, near enough). */
    public static int dataBytes(ConfigMap configMap) {
        return configMap.getData().entrySet().stream()
                .mapToInt(entry -> entry.getKey().length() + entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .sum();
    }
}
