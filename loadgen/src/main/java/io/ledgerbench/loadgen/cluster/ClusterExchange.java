package io.ledgerbench.loadgen.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.fault.AppliedFault;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How load-generator pods and the operator coordinate one run through ConfigMaps owned by the
 * BenchmarkRun (they survive pod and operator restarts): each pod reports ready, the operator
 * releases the start barrier with one start instant, each pod stores its result, the verify pod
 * stores the invariant check. In saturation mode each pod also adds its share of every step to its ConfigMap
 * and waits for every other pod's before the search goes on. Both sides use this one class, so the protocol
 * has one definition.
 */
public final class ClusterExchange {

    public static final String STATE_KEY = "state";
    public static final String READY = "ready";
    public static final String FINISHED = "finished";
    public static final String RESULT_KEY = "result.json";
    public static final String START_AT_KEY = "startAt";
    public static final String VERIFICATION_KEY = "verification.json";
    public static final String ROUND_TRIPS_KEY = "round-trips.json";
    /** How often a pod looks whether every pod has stored a saturation step. */
    static final Duration STEP_POLL_INTERVAL = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final String namespace;
    private final String benchmark;
    private final ResourceNames names;
    private final OwnerReference owner;
    private final ObjectMapper json = ResultsWriter.json();

    /**
     * ownerUid: the BenchmarkRun's uid; every ConfigMap this side creates is owned by it, without
     * blockOwnerDeletion: setting that needs update on the BenchmarkRun's finalizers, which the
     * load-generator pods' Role rightly lacks (an API server with OwnerReferencesPermissionEnforcement
     * refuses the ConfigMap otherwise).
     */
    public ClusterExchange(KubernetesClient client, String namespace, String benchmark, String ownerUid) {
        this.client = client;
        this.namespace = namespace;
        this.benchmark = benchmark;
        this.names = new ResourceNames(benchmark);
        this.owner = new OwnerReferenceBuilder().withApiVersion(BenchmarkRunManifest.API_VERSION).withKind(BenchmarkRunManifest.KIND)
                .withName(benchmark).withUid(ownerUid).withController(false).build();
    }

    /** Pod side: connected and ready to measure. */
    public void reportReady(int run, int podIndex) {
        ConfigMap ready = podConfigMap(run, podIndex, Map.of(STATE_KEY, READY));
        client.configMaps().inNamespace(namespace).resource(ready).createOr(existing -> existing.update());
    }

    /** Pod side: waits for the operator's start barrier and returns the instant every pod starts at. */
    public Instant awaitStart(int run, Duration timeout) {
        ConfigMap barrier = client.configMaps().inNamespace(namespace).withName(names.startBarrierConfigMap(run))
                .waitUntilCondition(configMap -> configMap != null && configMap.getData() != null
                        && configMap.getData().containsKey(START_AT_KEY), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return Instant.parse(barrier.getData().get(START_AT_KEY));
    }

    /**
     * Pod side: the measured result, stored where it outlives the pod. A saturation step stored before stays: a
     * slower pod may still be waiting to read it.
     */
    public void reportResult(PodResult result) {
        Map<String, String> data = Map.of(STATE_KEY, FINISHED, RESULT_KEY, write(result));
        var stored = client.configMaps().inNamespace(namespace)
                .withName(names.podResultConfigMap(result.run(), result.podIndex()));
        // Only this pod writes its ConfigMap: read, then create or add to it.
        if (stored.get() == null) {
            client.configMaps().inNamespace(namespace).resource(podConfigMap(result.run(), result.podIndex(), data))
                    .create();
        } else {
            stored.edit(configMap -> {
                Map<String, String> kept = new java.util.HashMap<>(configMap.getData() == null ? Map.of()
                        : configMap.getData());
                kept.putAll(data);
                configMap.setData(kept);
                return configMap;
            });
        }
    }

    /** The key under which a pod stores its share of saturation step {@code step} (0: the probe). */
    public static String stepKey(int step) {
        return "step-" + step + ".json";
    }

    /** Pod side: its share of one saturation step, added to its ConfigMap (which stays ready, not finished). */
    public void reportStep(int run, int podIndex, PodStep step) {
        String text = write(step);
        client.configMaps().inNamespace(namespace).withName(names.podResultConfigMap(run, podIndex))
                .edit(configMap -> {
                    Map<String, String> data = new java.util.HashMap<>(configMap.getData() == null ? Map.of()
                            : configMap.getData());
                    data.put(stepKey(step.step()), text);
                    configMap.setData(data);
                    return configMap;
                });
    }

    /**
     * Pod side: every pod's share of saturation step {@code step}, by pod index, once all {@code pods} stored it.
     * Polls the run's pod ConfigMaps (one list request each time) until then or the timeout.
     */
    public List<PodStep> awaitStep(int run, int step, int pods, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String key = stepKey(step);
        while (true) {
            List<PodStep> stored = podConfigMaps(run).stream()
                    .filter(configMap -> configMap.getData() != null && configMap.getData().containsKey(key))
                    .map(configMap -> read(configMap.getData().get(key), PodStep.class))
                    .sorted(Comparator.comparingInt(found -> found.measured().podIndex()))
                    .toList();
            if (stored.size() >= pods) {
                return stored;
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterRunException("saturation step " + step + " of run " + run + ": only " + stored.size()
                        + " of " + pods + " load-generator pods stored it within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(STEP_POLL_INTERVAL.toMillis());
        }
    }

    /** Verify side: the invariant check of a run and the environment it was measured in. */
    public void reportVerification(int run, RunVerification verification) {
        ConfigMap verified = new ConfigMapBuilder()
                .withNewMetadata().withName(names.verificationConfigMap(run)).withNamespace(namespace)
                .withLabels(ClusterLabels.ofRun(benchmark, ClusterLabels.VERIFICATION, run))
                .withOwnerReferences(owner).endMetadata()
                .withData(Map.of(VERIFICATION_KEY, write(verification)))
                .build();
        client.configMaps().inNamespace(namespace).resource(verified).createOr(existing -> existing.update());
    }

    /** Network-probe side: the round trips measured from one database node. */
    public void reportRoundTrips(RoundTrips roundTrips) {
        Map<String, String> labels = ClusterLabels.of(benchmark, ClusterLabels.NETWORK_PROBE);
        labels.put(ClusterLabels.POD_INDEX, Integer.toString(roundTrips.podIndex()));
        ConfigMap measured = new ConfigMapBuilder()
                .withNewMetadata().withName(names.roundTripsConfigMap(roundTrips.podIndex())).withNamespace(namespace)
                .withLabels(labels).withOwnerReferences(owner).endMetadata()
                .withData(Map.of(ROUND_TRIPS_KEY, write(roundTrips)))
                .build();
        client.configMaps().inNamespace(namespace).resource(measured).createOr(existing -> existing.update());
    }

    /** Every network-probe pod's round trips stored so far, by pod index. */
    public List<RoundTrips> roundTrips() {
        return client.configMaps().inNamespace(namespace)
                .withLabels(ClusterLabels.of(benchmark, ClusterLabels.NETWORK_PROBE)).list().getItems().stream()
                .map(configMap -> read(configMap.getData().get(ROUND_TRIPS_KEY), RoundTrips.class))
                .sorted(Comparator.comparingInt(RoundTrips::podIndex))
                .toList();
    }

    /** Operator side: how many pods of the run have reported ready or finished. */
    public long podsReported(int run) {
        return podConfigMaps(run).size();
    }

    /** Operator side: releases every pod at one instant (a little ahead, so all see it before it passes). */
    public void releaseStart(int run, Instant startAt, OwnerReference controller) {
        ConfigMap barrier = new ConfigMapBuilder()
                .withNewMetadata().withName(names.startBarrierConfigMap(run)).withNamespace(namespace)
                .withLabels(ClusterLabels.ofRun(benchmark, ClusterLabels.START_BARRIER, run))
                .withOwnerReferences(controller).endMetadata()
                .withData(Map.of(START_AT_KEY, startAt.toString()))
                .build();
        // Create only: after an operator restart the barrier already set must not move.
        if (!startReleased(run)) {
            client.configMaps().inNamespace(namespace).resource(barrier).create();
        }
    }

    /** The instant the run's pods start at, once the operator released them. */
    public Optional<Instant> startAt(int run) {
        ConfigMap barrier = client.configMaps().inNamespace(namespace).withName(names.startBarrierConfigMap(run)).get();
        return Optional.ofNullable(barrier).map(configMap -> Instant.parse(configMap.getData().get(START_AT_KEY)));
    }

    /** The key a fault's record is stored under in the run's start barrier (the operator's own ConfigMap). */
    public static String faultKey(int index) {
        return "fault-" + index + ".json";
    }

    /** Operator side: records what became of the run's fault number index (as it happened, then its restart). */
    public void recordFault(int run, int index, AppliedFault fault) {
        client.configMaps().inNamespace(namespace).withName(names.startBarrierConfigMap(run))
                .edit(barrier -> new ConfigMapBuilder(barrier).addToData(faultKey(index), write(fault)).build());
    }

    /** The run's faults recorded so far, by their index in spec.faults. */
    public Map<Integer, AppliedFault> faults(int run) {
        ConfigMap barrier = client.configMaps().inNamespace(namespace).withName(names.startBarrierConfigMap(run)).get();
        Map<Integer, AppliedFault> faults = new java.util.TreeMap<>();
        if (barrier == null) {
            return faults;
        }
        barrier.getData().forEach((key, value) -> {
            if (key.startsWith("fault-") && key.endsWith(".json")) {
                faults.put(Integer.parseInt(key.substring("fault-".length(), key.length() - ".json".length())),
                        read(value, AppliedFault.class));
            }
        });
        return faults;
    }

    /** Whether the operator has released the run's start barrier. */
    public boolean startReleased(int run) {
        return client.configMaps().inNamespace(namespace).withName(names.startBarrierConfigMap(run)).get() != null;
    }

    /** The finished pods' results of a run, by pod index. */
    public List<PodResult> podResults(int run) {
        return podConfigMaps(run).stream()
                .filter(configMap -> FINISHED.equals(configMap.getData().get(STATE_KEY)))
                .map(configMap -> read(configMap.getData().get(RESULT_KEY), PodResult.class))
                .sorted(Comparator.comparingInt(PodResult::podIndex))
                .toList();
    }

    /** The run's invariant check, once the verify pod stored it. */
    public Optional<RunVerification> verification(int run) {
        ConfigMap verified = client.configMaps().inNamespace(namespace).withName(names.verificationConfigMap(run)).get();
        return Optional.ofNullable(verified)
                .map(configMap -> read(configMap.getData().get(VERIFICATION_KEY), RunVerification.class));
    }

    private List<ConfigMap> podConfigMaps(int run) {
        return client.configMaps().inNamespace(namespace)
                .withLabels(ClusterLabels.ofRun(benchmark, ClusterLabels.POD_RESULT, run)).list().getItems();
    }

    private ConfigMap podConfigMap(int run, int podIndex, Map<String, String> data) {
        Map<String, String> labels = ClusterLabels.ofRun(benchmark, ClusterLabels.POD_RESULT, run);
        labels.put(ClusterLabels.POD_INDEX, Integer.toString(podIndex));
        return new ConfigMapBuilder()
                .withNewMetadata().withName(names.podResultConfigMap(run, podIndex)).withNamespace(namespace)
                .withLabels(labels).withOwnerReferences(owner).endMetadata()
                .withData(data)
                .build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " in a " + benchmark
                    + " ConfigMap: " + e.getMessage(), e);
        }
    }
}
