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
}
