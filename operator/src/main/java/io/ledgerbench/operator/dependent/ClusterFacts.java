package io.ledgerbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.ledgerbench.loadgen.spec.StorageType;
import io.ledgerbench.operator.model.DatabaseStatefulSets;
import io.ledgerbench.operator.storage.StorageMedium;
import io.ledgerbench.operator.storage.StorageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the cluster says about where the benchmark runs: its version, the nodes' instance types, the storage check. */
public final class ClusterFacts {

    public static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

    /** The storage check of the database pods: the device under each data directory, and the verdict. */
    public record StorageCheck(boolean passed, String description) {
    }

    private final KubernetesClient client;

    public ClusterFacts(KubernetesClient client) {
        this.client = client;
    }

    public String kubernetesVersion() {
        try {
            VersionInfo version = client.getKubernetesVersion();
            return version == null || version.getGitVersion() == null ? "unknown" : version.getGitVersion();
        } catch (KubernetesClientException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    public List<Node> nodes() {
        return client.nodes().list().getItems();
    }

    /** pod name -> "node (instance type)" for each pod. */
    public Map<String, String> placement(List<Pod> pods) {
        Map<String, String> placement = new TreeMap<>();
        for (Pod pod : pods) {
            String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (nodeName == null) {
                continue;
            }
            placement.put(pod.getMetadata().getName(), describeNode(nodeName));
        }
        return placement;
    }

    /** "name (instance type)", as the node's well-known label says. */
    public String describeNode(String nodeName) {
        Node node = client.nodes().withName(nodeName).get();
        String type = node == null || node.getMetadata().getLabels() == null ? null
                : node.getMetadata().getLabels().get(INSTANCE_TYPE_LABEL);
        return nodeName + " (" + Optional.ofNullable(type).orElse("instance type unknown") + ")";
    }

    /**
     * localNvme must put every data directory on the instance's own NVMe (instance storage, told from
     * EBS by the disks' model: on Nitro instances EBS volumes are NVMe devices too); other storage
     * types are recorded only.
     */
    public static StorageCheck storageCheck(StorageType storage, List<Pod> pods) {
        List<String> found = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (Pod pod : pods) {
            Optional<StorageReport> report = storageDevice(pod).flatMap(StorageReport::parse);
            String what = report.map(StorageReport::describe).orElse("unknown");
            found.add(pod.getMetadata().getName() + " " + what);
            StorageMedium medium = report.map(StorageReport::medium).orElse(StorageMedium.UNKNOWN);
            if (medium != StorageMedium.INSTANCE_STORE) {
                elsewhere.add(pod.getMetadata().getName() + " (" + what + "; " + medium.description() + ")");
            }
        }
        String listed = String.join(", ", found);
        if (storage != StorageType.LOCAL_NVME) {
            return new StorageCheck(true, "not required for storage " + storage.specValue() + ": " + listed);
        }
        return elsewhere.isEmpty()
                ? new StorageCheck(true, "passed: " + listed)
                : new StorageCheck(false, "failed: data directory not on instance-store NVMe in "
                        + String.join(", ", elsewhere) + " (is " + DatabaseStatefulSets.LOCAL_NVME_HOST_PATH
                        + " mounted on that node? see docs/cloud.md, Troubleshooting)");
    }

    /** What a database pod's storage probe reported about its data directory, if it did. */
    public static Optional<StorageReport> storageReport(Pod pod) {
        return storageDevice(pod).flatMap(StorageReport::parse);
    }

    private static Optional<String> storageDevice(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null
                ? List.of() : pod.getStatus().getInitContainerStatuses();
        return statuses.stream()
                .filter(status -> DatabaseStatefulSets.STORAGE_CHECK_CONTAINER.equals(status.getName()))
                .map(status -> status.getState() == null ? null : status.getState().getTerminated())
                .filter(terminated -> terminated != null && terminated.getMessage() != null)
                .map(ContainerStateTerminated::getMessage)
                .map(String::strip)
                .filter(message -> !message.isEmpty())
                .findFirst();
    }
}
