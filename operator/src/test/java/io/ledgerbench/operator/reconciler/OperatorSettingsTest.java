package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void thePrometheusUrlComesFromTheVariableTheChartSets() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(OperatorSettings.PROMETHEUS_URL_VARIABLE,
                " http://kps-kube-prometheus-stack-prometheus.monitoring:9090 "));
        assertThat(settings.prometheusUrl()).isEqualTo(URI.create("http://kps-kube-prometheus-stack-prometheus.monitoring:9090"));
        assertThat(settings.provisioningTimeout()).isEqualTo(OperatorSettings.defaults().provisioningTimeout());
    }

    @Test
    void anEmptyOrAbsentVariableMeansNoPrometheus() {
        assertThat(OperatorSettings.fromEnvironment(Map.of(OperatorSettings.PROMETHEUS_URL_VARIABLE, "")).prometheusUrl())
                .isNull();
        assertThat(OperatorSettings.fromEnvironment(Map.of()).prometheusUrl()).isNull();
    }

    @Test
    void aSaturationSearchMayRunItsWholeTimeLimitAndOneStepWithItsDrainBeyond() throws Exception {
        var workload = new io.ledgerbench.loadgen.spec.SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: s}
                spec:
                  workload: {mode: saturation, warmup: 30s, duration: 60s, saturation: {p99: 20ms, timeLimit: 30m}}
                """, "test").spec().workload();
        OperatorSettings settings = OperatorSettings.defaults();
        // 10 min for the pods to report ready, the barrier's 5 s lead, 30 min of search, a 90 s step, a 30 s drain,
        // 2 min to spare.
        assertThat(settings.runningTimeout(workload)).isEqualTo(java.time.Duration.ofSeconds(600 + 5 + 1800 + 90 + 30
                + 120));
    }
}
