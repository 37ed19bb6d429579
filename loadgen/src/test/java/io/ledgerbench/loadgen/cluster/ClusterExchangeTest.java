package io.ledgerbench.loadgen.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.result.Environments;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterExchangeTest {

    private static final String NAMESPACE = "bench";
    private static final String UID = "0b7c8f0e-1111-4c2d-9e3f-5a6b7c8d9e0f";

    KubernetesClient client;

    private ClusterExchange exchange() {
        return new ClusterExchange(client, NAMESPACE, "pg", UID);
    }

    @Test
    void aReadyPodIsCountedAndItsConfigMapIsOwnedByTheBenchmarkRun() {
        exchange().reportReady(1, 0);
        exchange().reportReady(1, 1);
        exchange().reportReady(2, 0);
        assertThat(exchange().podsReported(1)).isEqualTo(2);
        ConfigMap ready = client.configMaps().inNamespace(NAMESPACE).withName("pg-r1-pod-1").get();
        assertThat(ready.getData()).containsEntry(ClusterExchange.STATE_KEY, ClusterExchange.READY);
        assertThat(ready.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(UID));
    }

    @Test
    void podsWaitingAtTheBarrierAllGetTheReleasedInstant() {
        CompletableFuture<Instant> first = CompletableFuture.supplyAsync(() -> exchange().awaitStart(1, Duration.ofSeconds(30)));
        CompletableFuture<Instant> second = CompletableFuture.supplyAsync(() -> exchange().awaitStart(1, Duration.ofSeconds(30)));
        Instant startAt = Instant.parse("2026-11-22T10:00:02Z");
        exchange().releaseStart(1, startAt, new OwnerReferenceBuilder().withApiVersion("ledgerbench.io/v1alpha1")
                .withKind("BenchmarkRun").withName("pg").withUid(UID).withController(true).build());
        assertThat(first.join()).isEqualTo(startAt);
        assertThat(second.join()).isEqualTo(startAt);
    }

    @Test
    void aReleasedBarrierNeverMoves() {
        var owner = new OwnerReferenceBuilder().withApiVersion("ledgerbench.io/v1alpha1").withKind("BenchmarkRun")
                .withName("pg").withUid(UID).build();
        exchange().releaseStart(1, Instant.parse("2026-11-22T10:00:02Z"), owner);
        exchange().releaseStart(1, Instant.parse("2026-11-22T11:00:00Z"), owner);
        assertThat(exchange().awaitStart(1, Duration.ofSeconds(5))).isEqualTo(Instant.parse("2026-11-22T10:00:02Z"));
    }

    @Test
    void waitingForABarrierThatNeverComesTimesOut() {
        assertThatThrownBy(() -> exchange().awaitStart(9, Duration.ofMillis(200)))
                .isInstanceOf(KubernetesClientTimeoutException.class);
    }

    @Test
    void resultsRoundTripThroughTheirConfigMapsExactly() {
        PodResult zero = PodResultTest.pod(0, 100, 500, new long[] {40, 60}, 0.3);
        PodResult one = PodResultTest.pod(1, 200, 700, new long[] {90, 110}, 0.4);
        exchange().reportReady(1, 0);
        exchange().reportReady(1, 1);
        exchange().reportResult(one);
        assertThat(exchange().podResults(1)).containsExactly(one);
        exchange().reportResult(zero);
        assertThat(exchange().podResults(1)).containsExactly(zero, one);
        assertThat(exchange().podsReported(1)).isEqualTo(2);
    }

    @Test
    void theVerificationIsStoredForTheOperator() {
        InvariantReport report = InvariantReport.check(10, 1000, 10, 1000, 0, 50, 0, 50);
        assertThat(exchange().verification(1)).isEmpty();
        RunVerification verification = new RunVerification(report, Environments.postgres());
        exchange().reportVerification(1, verification);
        assertThat(exchange().verification(1)).contains(verification);
    }
}
