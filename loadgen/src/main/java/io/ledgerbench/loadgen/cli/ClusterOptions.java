package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.cluster.PodEnvironment;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.DurationText;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options of a load-generator pod in a cluster. The operator's Job sets them through the
 * environment (namespace, owner, node, the Indexed Job's completion index); tests pass them.
 */
final class ClusterOptions {

    /** Set by Kubernetes in every pod of an Indexed Job. */
    static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

    @Option(names = "--cluster-run", paramLabel = "RUN",
            description = "Run as a pod of a BenchmarkRun in Kubernetes: this is run RUN (1..spec.runs)")
    Integer run;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:" + PodEnvironment.NAMESPACE + "}",
            description = "Namespace of the BenchmarkRun (default: $" + PodEnvironment.NAMESPACE + ")")
    String namespace;

    @Option(names = "--owner-uid", paramLabel = "UID", defaultValue = "${env:" + PodEnvironment.OWNER_UID + "}",
            description = "uid of the BenchmarkRun, which owns what the pod stores (default: $" + PodEnvironment.OWNER_UID + ")")
    String ownerUid;

    @Option(names = "--pod-index", paramLabel = "INDEX", defaultValue = "${env:" + JOB_COMPLETION_INDEX + ":-0}",
            description = "This pod's index in the run (default: $" + JOB_COMPLETION_INDEX + ", else 0)")
    int podIndex;

    @Option(names = "--node-name", paramLabel = "NODE", defaultValue = "${env:" + PodEnvironment.NODE_NAME + ":-unknown}",
            description = "The node this pod runs on, recorded in its result (default: $" + PodEnvironment.NODE_NAME + ")")
    String nodeName;

    @Option(names = "--start-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long to wait for the start barrier (default: ${DEFAULT-VALUE})")
    String startTimeout;

    boolean inCluster() {
        return run != null;
    }

    /** Refuses cluster mode when an option is missing or wrong, with one message naming it. */
    void check(BenchmarkRunSpec spec) throws BadInputException {
        Optional<String> problem = problem(spec);
        if (problem.isPresent()) {
            throw new BadInputException(problem.get());
        }
    }

    /** What is missing or wrong for cluster mode, if anything, as one message naming the option. */
    private Optional<String> problem(BenchmarkRunSpec spec) {
        if (run < 1 || run > spec.runs()) {
            return Optional.of("--cluster-run: " + run + " is not a run of this BenchmarkRun; allowed: 1.." + spec.runs());
        }
        int pods = spec.loadgen().parallelism();
        if (podIndex < 0 || podIndex >= pods) {
            return Optional.of("--pod-index: " + podIndex + " is outside 0.." + (pods - 1)
                    + " (spec.loadgen.parallelism is " + pods + ")");
        }
        Optional<String> identity = identityProblem();
        if (identity.isPresent()) {
            return identity;
        }
        if (startTimeoutDuration().isEmpty()) {
            return Optional.of("--start-timeout: '" + startTimeout + "' is not a duration: " + DurationText.ACCEPTED);
        }
        return Optional.empty();
    }

    /** What is missing for a pod to store anything for its BenchmarkRun. */
    Optional<String> identityProblem() {
        if (blank(namespace)) {
            return Optional.of("--namespace: not set (nor $" + PodEnvironment.NAMESPACE + ")");
        }
        if (blank(ownerUid)) {
            return Optional.of("--owner-uid: not set (nor $" + PodEnvironment.OWNER_UID + ")");
        }
        return Optional.empty();
    }

    Optional<Duration> startTimeoutDuration() {
        return DurationText.parse(startTimeout).filter(duration -> !duration.isZero());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
