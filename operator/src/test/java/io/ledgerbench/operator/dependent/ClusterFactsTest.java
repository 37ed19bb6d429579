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

    private static final String INSTANCE_STORE = "disk %s Amazon EC2 NVMe Instance Storage";

    private static Pod databasePod(String name, String report) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withInitContainerStatuses(new ContainerStatusBuilder()
                        .withName(DatabaseStatefulSets.STORAGE_CHECK_CONTAINER).withNewState().withNewTerminated()
                        .withExitCode(0).withMessage(report + "\n").endTerminated().endState().build())
                .endStatus().build();
    }

    private static Pod onInstanceStore(String name, String disk) {
        return databasePod(name, "device /dev/" + disk + "\n" + INSTANCE_STORE.formatted(disk));
    }

    @Test
    void localNvmePassesWhenEveryDataDirectoryIsOnInstanceStorage() {
        var check = ClusterFacts.storageCheck(StorageType.LOCAL_NVME,
                List.of(onInstanceStore("db-0", "nvme1n1"), onInstanceStore("db-1", "nvme2n1")));
        assertThat(check.passed()).isTrue();
        assertThat(check.description()).isEqualTo("passed: db-0 /dev/nvme1n1: Amazon EC2 NVMe Instance Storage,"
                + " db-1 /dev/nvme2n1: Amazon EC2 NVMe Instance Storage");
    }

    @Test
    void localNvmeFailsNamingThePodWhoseDataIsOnAnEbsVolume() {
        var check = ClusterFacts.storageCheck(StorageType.LOCAL_NVME, List.of(onInstanceStore("db-0", "nvme1n1"),
                databasePod("db-1", "device /dev/nvme0n1p1\ndisk nvme0n1 Amazon Elastic Block Store")));
        assertThat(check.passed()).isFalse();
        assertThat(check.description()).contains("db-1 (/dev/nvme0n1p1 on nvme0n1: Amazon Elastic Block Store; EBS)")
                .contains("mounted on that node").doesNotContain("db-0 (");
    }

    @Test
    void aPodThatReportedNoDeviceFailsTheCheck() {
        Pod silent = new PodBuilder().withNewMetadata().withName("db-2").endMetadata().build();
        assertThat(ClusterFacts.storageCheck(StorageType.LOCAL_NVME, List.of(silent)).description())
                .contains("db-2 (unknown; unidentified)");
    }

    @Test
    void otherStorageIsRecordedButNotRequired() {
        var check = ClusterFacts.storageCheck(StorageType.EMPTY_DIR, List.of(databasePod("db-0", "device overlay")));
        assertThat(check.passed()).isTrue();
        assertThat(check.description()).startsWith("not required for storage emptyDir: db-0 overlay: no disk identified");
    }
}
