package io.ledgerbench.loadgen.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels on every object of a BenchmarkRun: app.kubernetes.io/* plus the run and pod index where they apply. */
public final class ClusterLabels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String RUN = "ledgerbench.io/run";
    public static final String POD_INDEX = "ledgerbench.io/pod-index";
    /** Which Job of a run: prepare, load or verify. */
    public static final String STEP = "ledgerbench.io/step";
    public static final String APP = "ledgerbench";
    public static final String OPERATOR = "ledgerbench-operator";

    /** Component values. */
    public static final String DATABASE = "database";
    public static final String LOADGEN = "loadgen";
    public static final String POD_RESULT = "pod-result";
    public static final String START_BARRIER = "start-barrier";
    public static final String VERIFICATION = "verification";
    public static final String CONFIG = "config";
    public static final String RESULTS = "results";
    public static final String NETWORK_PROBE = "network-probe";

    private ClusterLabels() {
    }

    /** Labels that select every object of the benchmark (the operator's informers use them). */
    public static Map<String, String> of(String benchmark) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, benchmark);
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    public static Map<String, String> of(String benchmark, String component) {
        Map<String, String> labels = of(benchmark);
        labels.put(COMPONENT, component);
        return labels;
    }

    public static Map<String, String> ofRun(String benchmark, String component, int run) {
        Map<String, String> labels = of(benchmark, component);
        labels.put(RUN, Integer.toString(run));
        return labels;
    }

    /** The labels a selector uses: stable across runs, unlike the full set. */
    public static Map<String, String> selector(String benchmark, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(INSTANCE, benchmark);
        labels.put(COMPONENT, component);
        return labels;
    }
}
