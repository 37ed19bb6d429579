package io.ledgerbench.loadgen.cluster;

/** Environment variables the operator gives load-generator pods (the Indexed Job adds JOB_COMPLETION_INDEX). */
public final class PodEnvironment {

    public static final String NAMESPACE = "LEDGERBENCH_NAMESPACE";
    /** The BenchmarkRun's uid: ConfigMaps a pod creates are owned by it, so deleting the BenchmarkRun deletes them. */
    public static final String OWNER_UID = "LEDGERBENCH_OWNER_UID";
    public static final String NODE_NAME = "LEDGERBENCH_NODE_NAME";

    private PodEnvironment() {
    }
}
