package io.ledgerbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class BenchmarkRunMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BenchmarkRunMetrics metrics = new BenchmarkRunMetrics(registry);

    private static BenchmarkRun run(String uid, BenchmarkPhase phase) {
        BenchmarkRun run = new BenchmarkRun();
        run.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("pg").withUid(uid).build());
        run.setSpec(BenchmarkRunSpec.defaults());
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        status.setPhase(phase);
        run.setStatus(status);
        return run;
    }

    private String phaseLine(String phase) {
        return registry.scrape().lines().filter(line -> line.startsWith("ledgerbench_benchmarkrun_phase{")
                && line.contains("phase=\"" + phase + "\"")).findFirst().orElse("none");
    }

    @Test
    void thePhaseGaugeFollowsTheStatus() {
        metrics.observe(run("uid-1", BenchmarkPhase.Provisioning));
        metrics.observe(run("uid-1", BenchmarkPhase.Running));

        assertThat(phaseLine("Running")).endsWith(" 1.0");
        assertThat(phaseLine("Provisioning")).endsWith(" 0.0");
    }

    @Test
    void aRunWithoutAPhaseYetHasNoSeries() {
        metrics.observe(run("uid-1", null));

        assertThat(registry.scrape()).doesNotContain("ledgerbench_benchmarkrun");
    }

    @Test
    void aDeletedRunHandedOverByALateReconcileDoesNotComeBack() {
        metrics.observe(run("uid-1", BenchmarkPhase.Running));
        metrics.forget(run("uid-1", BenchmarkPhase.Running));
        metrics.observe(run("uid-1", BenchmarkPhase.Running));

        assertThat(registry.scrape()).doesNotContain("ledgerbench_benchmarkrun");
    }

    @Test
    void aRunCreatedAgainUnderTheSameNameStartsFromItsOwnStatus() {
        metrics.observe(run("uid-1", BenchmarkPhase.Succeeded));
        metrics.observe(run("uid-2", BenchmarkPhase.Pending));

        assertThat(phaseLine("Pending")).endsWith(" 1.0");
        assertThat(phaseLine("Succeeded")).endsWith(" 0.0");
    }
}
