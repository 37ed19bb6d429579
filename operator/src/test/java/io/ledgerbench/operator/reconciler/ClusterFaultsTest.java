package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.fault.AppliedFault;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.Examples;
import io.ledgerbench.operator.model.FaultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** spec.faults on the fabric8 mock API server: the due pod deleted with an Event, its return recorded. */
@EnableKubernetesMockClient(crud = true)
class ClusterFaultsTest {

    private static final String NAMESPACE = "bench";

    KubernetesClient client;

    private final TestClock clock = new TestClock();
    private BenchmarkRun owner;
    private ClusterExchange exchange;
    private String standbyPod;

    @BeforeEach
    void releasedRunWithTheStandbyUp() {
        owner = Examples.read("faults.yaml");
        owner.getMetadata().setNamespace(NAMESPACE);
        owner.getMetadata().setUid("uid-1");
        exchange = new ClusterExchange(client, NAMESPACE, owner.getMetadata().getName(), "uid-1");
        exchange.releaseStart(1, clock.instant(), new OwnerReferenceBuilder().withApiVersion("ledgerbench.io/v1alpha1")
                .withKind("BenchmarkRun").withName(owner.getMetadata().getName()).withUid("uid-1").build());
        standbyPod = new ResourceNames(owner.getMetadata().getName()).databasePod(1);
        client.pods().inNamespace(NAMESPACE).resource(readyPod(standbyPod, clock.instant())).create();
    }

    private static Pod readyPod(String name, Instant created) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withCreationTimestamp(created.toString()).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    private Duration untilTheFault() {
        return owner.getSpec().workload().warmupDuration().plusSeconds(60);
    }

    @Test
    void beforeItIsDueNothingHappensAndTheNextLookIsWhenItIs() {
        Optional<Duration> next = new ClusterFaults(client, clock).advance(owner, 1, exchange);

        assertThat(next).contains(untilTheFault());
        assertThat(client.pods().inNamespace(NAMESPACE).withName(standbyPod).get()).isNotNull();
        assertThat(exchange.faults(1)).isEmpty();
    }

    @Test
    void aDueFaultDeletesTheNodesPodRecordsItAndSaysSoInAnEvent() {
        clock.advance(untilTheFault());

        Optional<Duration> next = new ClusterFaults(client, clock).advance(owner, 1, exchange);

        assertThat(client.pods().inNamespace(NAMESPACE).withName(standbyPod).get()).isNull();
        AppliedFault fault = exchange.faults(1).get(0);
        assertThat(fault.node()).isEqualTo("standby-1");
        assertThat(fault.appliedAtNanos()).isEqualTo(Duration.ofSeconds(60).toNanos());
        assertThat(fault.detail()).contains("grace period of 1 s");
        assertThat(fault.expectation().keepsCommitting()).isTrue();
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .anySatisfy(event -> {
                    assertThat(event.getReason()).isEqualTo(FaultEvent.INJECTED);
                    assertThat(event.getMessage()).contains("kill standby-1");
                });
        assertThat(next).as("the pod's return is looked for").contains(ClusterFaults.RECOVERY_RECHECK);
    }

    @Test
    void aRecreatedReadyPodEndsTheOutageOnce() {
        clock.advance(untilTheFault());
        new ClusterFaults(client, clock).advance(owner, 1, exchange);
        clock.advance(Duration.ofSeconds(7));
        client.pods().inNamespace(NAMESPACE).resource(readyPod(standbyPod, clock.instant())).create();

        Optional<Duration> next = new ClusterFaults(client, clock).advance(owner, 1, exchange);

        AppliedFault fault = exchange.faults(1).get(0);
        assertThat(fault.restartedAtNanos()).isEqualTo(Duration.ofSeconds(67).toNanos());
        assertThat(next).as("nothing left to do").isEmpty();
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .extracting(event -> event.getReason()).contains(FaultEvent.RECOVERED);
        new ClusterFaults(client, clock).advance(owner, 1, exchange);
        assertThat(client.pods().inNamespace(NAMESPACE).withName(standbyPod).get())
                .as("a fault is applied once, however often the loop looks").isNotNull();
    }

    @Test
    void aMissingPodIsAFaultNotApplied() {
        client.pods().inNamespace(NAMESPACE).withName(standbyPod).delete();
        clock.advance(untilTheFault());

        new ClusterFaults(client, clock).advance(owner, 1, exchange);

        AppliedFault fault = exchange.faults(1).get(0);
        assertThat(fault.appliedAtNanos()).isNull();
        assertThat(fault.error()).contains("does not exist");
    }
}
