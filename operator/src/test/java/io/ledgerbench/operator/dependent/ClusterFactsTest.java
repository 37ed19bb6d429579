package io.ledgerbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ledgerbench.loadgen.spec.StorageType;
import io.ledgerbench.operator.model.DatabaseStatefulSets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterFactsTest {

    private static Pod databasePod(String name, String device) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withInitContainerStatuses(new ContainerStatusBuilder()
                        .withName(DatabaseStatefulSets.STORAGE_CHECK_CONTAINER).withNewState().withNewTerminated()
                        .withExitCode(0).withMessage(device + "\n").endTerminated().endState().build())
                .endStatus().build();
    }

    @Test
    void localNvmePassesWhenEveryDataDirectoryIsOnNvme() {
        var check = ClusterFacts.storageCheck(StorageType.LOCAL_NVME,
                List.of(databasePod("db-0", "/dev/nvme1n1"), databasePod("db-1", "/dev/nvme2n1")));
        assertThat(check.passed()).isTrue();
        assertThat(check.description()).isEqualTo("passed: db-0 /dev/nvme1n1, db-1 /dev/nvme2n1");
    }

    @Test
    void localNvmeFailsNamingThePodWhoseDataIsElsewhere() {
        var check = ClusterFacts.storageCheck(StorageType.LOCAL_NVME,
                List.of(databasePod("db-0", "/dev/nvme1n1"), databasePod("db-1", "/dev/xvda1")));
        assertThat(check.passed()).isFalse();
        assertThat(check.description()).contains("db-1 (/dev/xvda1)").doesNotContain("db-0 (");
    }

    @Test
    void aPodThatReportedNoDeviceFailsTheCheck() {
        Pod silent = new PodBuilder().withNewMetadata().withName("db-2").endMetadata().build();
        assertThat(ClusterFacts.storageCheck(StorageType.LOCAL_NVME, List.of(silent)).description()).contains("db-2 (unknown)");
    }

    @Test
    void otherStorageIsRecordedButNotRequired() {
        var check = ClusterFacts.storageCheck(StorageType.EMPTY_DIR, List.of(databasePod("db-0", "overlay")));
        assertThat(check.passed()).isTrue();
        assertThat(check.description()).startsWith("not required for storage emptyDir: db-0 overlay");
    }
}
