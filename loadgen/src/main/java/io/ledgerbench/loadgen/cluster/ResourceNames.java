package io.ledgerbench.loadgen.cluster;

/**
 * Every Kubernetes object name of one BenchmarkRun, in one place. Names are the BenchmarkRun's
 * name (at most 45 characters, checked by the spec) plus a suffix, so each stays a valid DNS label
 * of at most 63 characters, including the StatefulSet's controller-revision-hash label.
 */
public record ResourceNames(String benchmark) {

    public String databaseSecret() {
        return benchmark + "-db-credentials";
    }

    public String databaseConfig() {
        return benchmark + "-db-config";
    }

    /** The headless Service that gives database pods stable DNS names. */
    public String databaseHeadlessService() {
        return benchmark + "-db";
    }

    /** The Service in front of PostgreSQL's primary (pod 0), which clients and standbys connect to. */
    public String databasePrimaryService() {
        return benchmark + "-db-primary";
    }

    /** TigerBeetle replica i's own ClusterIP Service: its IP is that replica's address. */
    public String databaseReplicaService(int replica) {
        return benchmark + "-db-" + replica + "-addr";
    }

    public String databaseStatefulSet() {
        return benchmark + "-db";
    }

    public String databasePod(int replica) {
        return databaseStatefulSet() + "-" + replica;
    }

    /** The BenchmarkRun manifest (seed included) the load-generator pods read. */
    public String specConfigMap() {
        return benchmark + "-spec";
    }

    public String loadgenServiceAccount() {
        return benchmark + "-loadgen";
    }

    public String prepareJob(int run) {
        return benchmark + "-r" + run + "-prepare";
    }

    public String loadJob(int run) {
        return benchmark + "-r" + run + "-load";
    }

    public String verifyJob(int run) {
        return benchmark + "-r" + run + "-verify";
    }

    /** Where load-generator pod {@code index} of a run reports ready and then its result. */
    public String podResultConfigMap(int run, int index) {
        return benchmark + "-r" + run + "-pod-" + index;
    }

    /** Created by the operator once every pod of the run is ready: it carries the common start instant. */
    public String startBarrierConfigMap(int run) {
        return benchmark + "-r" + run + "-start";
    }

    /** Where the verify Job writes the run's invariant check. */
    public String verificationConfigMap(int run) {
        return benchmark + "-r" + run + "-verified";
    }

    /** The Indexed Job whose pods, one per database node, measure round trips between those nodes. */
    public String networkProbeJob() {
        return benchmark + "-netprobe";
    }

    /** Headless Service that gives network-probe pods DNS names (the Job's pods use it as subdomain). */
    public String networkProbeService() {
        return benchmark + "-netprobe";
    }

    /** Network-probe pod index's DNS name within the namespace: Indexed Job hostname plus subdomain. */
    public String networkProbeHost(int index) {
        return networkProbeJob() + "-" + index + "." + networkProbeService();
    }

    /** Where network-probe pod index stores its round trips. */
    public String roundTripsConfigMap(int index) {
        return benchmark + "-netprobe-" + index;
    }

    public String resultsConfigMap() {
        return benchmark + "-results";
    }

    /**
     * The BenchmarkRun that measures one variant of the comparison named {@code benchmark} in one round
     * (the comparison's results ConfigMap is {@link #resultsConfigMap()}, as for a BenchmarkRun).
     */
    public String comparisonRound(String variant, int round) {
        return benchmark + "-" + variant + "-r" + round;
    }
}
