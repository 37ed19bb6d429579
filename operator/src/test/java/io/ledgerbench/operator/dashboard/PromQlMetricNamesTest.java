package io.ledgerbench.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void aPlainSelectorIsItsName() {
        assertThat(PromQlMetricNames.of("up")).containsExactly("up");
    }

    @Test
    void labelMatchersRangesAndGrafanaVariablesAreNotNames() {
        assertThat(PromQlMetricNames.of(
                "sum(rate(ledgerbench_transfers_total{namespace=\"$namespace\",outcome=~\"completed|rejected\"}[$__rate_interval]))"))
                .containsExactly("ledgerbench_transfers_total");
    }

    @Test
    void groupingClausesFunctionsAndNumbersAreNotNames() {
        assertThat(PromQlMetricNames.of(
                "histogram_quantile(0.99, sum by (le, pod) (rate(ledgerbench_transfer_latency_seconds_bucket[5m])))"))
                .containsExactly("ledgerbench_transfer_latency_seconds_bucket");
    }

    @Test
    void everyOperandOfABinaryExpressionIsANameButOperatorsAndModifiersAreNot() {
        assertThat(PromQlMetricNames.of("1 - node_memory_MemAvailable_bytes / on (instance) group_left () "
                + "node_memory_MemTotal_bytes > bool 0.5 unless absent(up offset 5m)"))
                .containsExactly("node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes", "up");
    }

    @Test
    void stringArgumentsOfLabelReplaceAreNotNames() {
        assertThat(PromQlMetricNames.of(
                "label_replace(kube_node_labels, \"instance\", \"$1\", \"node\", \"(.*)\")"))
                .containsExactly("kube_node_labels");
    }

    @Test
    void aLabelValuesQueryNamesItsMetricButNotItsLabel() {
        assertThat(PromQlMetricNames.of("label_values(ledgerbench_benchmarkrun_phase{namespace=\"$namespace\"}, benchmarkrun)"))
                .containsExactly("ledgerbench_benchmarkrun_phase");
    }

    @Test
    void scientificNumbersAreNotNames() {
        assertThat(PromQlMetricNames.of("clamp_min(sum(rate(x_total[1m])), 1e-9)")).containsExactly("x_total");
    }
}
