package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

class DatabaseServicesTest {

    @Test
    void theHeadlessServiceSelectsEveryDatabasePodReadyOrNot() {
        Service service = DatabaseServices.headless(Benchmarks.postgres());
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getSelector())
                .isEqualTo(DatabaseStatefulSets.podSelector("pg-fair-medium"));
        ValidKubernetesObjects.assertValidOwnedObject(service);
    }

    @Test
    void thePrimaryServiceSelectsPodZeroOnly() {
        Service service = DatabaseServices.primary(Benchmarks.postgres());
        assertThat(service.getMetadata().getName()).isEqualTo("pg-fair-medium-db-primary");
        assertThat(service.getSpec().getSelector()).containsEntry(DatabaseServices.POD_NAME_LABEL, "pg-fair-medium-db-0");
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(5432);
    }

    @Test
    void eachTigerbeetleReplicaHasItsOwnClusterIpService() {
        Service service = DatabaseServices.replica(Benchmarks.tigerbeetle(), 2);
        assertThat(service.getSpec().getClusterIP()).isNull();
        assertThat(service.getSpec().getSelector()).containsEntry(DatabaseServices.POD_NAME_LABEL, "tb-medium-db-2");
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(3000);
        ValidKubernetesObjects.assertValidOwnedObject(service);
    }
}
