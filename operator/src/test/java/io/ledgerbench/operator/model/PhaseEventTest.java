package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhaseEventTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void isOnTheBenchmarkRunAndNamedForItsRunAndPhaseSoItIsRecordedOnce() {
        Event event = PhaseEvent.build(Benchmarks.postgres(), BenchmarkPhase.Running, 2, "run 2/3: measuring", NOW);
        assertThat(event.getMetadata().getName()).isEqualTo("pg-fair-medium.running.r2")
                .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        assertThat(event.getMetadata().getNamespace()).isEqualTo(Benchmarks.NAMESPACE);
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("BenchmarkRun");
        assertThat(event.getInvolvedObject().getUid()).isEqualTo(Benchmarks.UID);
        assertThat(event.getReason()).isEqualTo("Running");
        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getFirstTimestamp()).isEqualTo("2026-11-22T10:00:00Z");
    }

    @Test
    void aFailureIsAWarning() {
        assertThat(PhaseEvent.build(Benchmarks.postgres(), BenchmarkPhase.Failed, 1, "LoadgenPodFailed: ...", NOW)
                .getType()).isEqualTo("Warning");
    }
}
