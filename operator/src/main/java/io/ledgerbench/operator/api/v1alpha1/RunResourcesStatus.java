package io.ledgerbench.operator.api.v1alpha1;

import io.ledgerbench.loadgen.resources.ClusterResources;
import java.util.List;

/**
 * What one run's database spent, as status shows it (Prometheus, measurement window): per completed
 * transfer the database pods' CPU µs and their nodes' data-disk bytes written and write operations,
 * the window's totals, and what was not measured and why (null figures, never zeros). The full
 * per-node and per-pod figures are in the run's results file.
 */
public record RunResourcesStatus(
        Double cpuMicrosPerTransfer,
        Double diskBytesWrittenPerTransfer,
        Double diskWritesPerTransfer,
        Double databaseCpuSeconds,
        Double nodeCpuSeconds,
        Double diskWrittenBytes,
        Double networkSentBytes,
        List<String> notMeasured) {

    public RunResourcesStatus {
        notMeasured = notMeasured == null ? List.of() : List.copyOf(notMeasured);
    }

    /** Null where the run has none (results written before the operator measured resources). */
    public static RunResourcesStatus of(ClusterResources resources) {
        return resources == null ? null : new RunResourcesStatus(round(resources.cpuMicrosPerTransfer()),
                round(resources.diskBytesWrittenPerTransfer()), round(resources.diskWritesPerTransfer()),
                round(resources.databaseCpuSeconds()), round(resources.nodeCpuSeconds()),
                round(resources.diskWrittenBytes()), round(resources.networkSentBytes()), resources.notMeasured());
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
}
