package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.RoundTrips;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.ClusterEnvironment;
import io.ledgerbench.operator.api.v1alpha1.RoundTripStatus;
import io.ledgerbench.operator.dependent.ClusterFacts;
import io.ledgerbench.operator.dependent.JobProgress;
import io.ledgerbench.operator.dependent.OwnedObjects;
import io.ledgerbench.operator.model.BenchmarkSpecConfigMap;
import io.ledgerbench.operator.model.DatabaseSecret;
import io.ledgerbench.operator.model.DatabaseServices;
import io.ledgerbench.operator.model.LoadgenJobs;
import io.ledgerbench.operator.model.LoadgenAccess;
import java.security.SecureRandom;
import java.util.List;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * SPEC section 8, step 1: credentials, configuration, Services, the load generators' identity, the
 * spec (with the seed) they read, and the database StatefulSet; once every database pod is ready,
 * the storage check, where everything landed and the round trips between database nodes (a
 * network-probe pod on each) go into status.environment.
 */
final class ProvisioningStep {

    private final KubernetesClient client;
    private final OwnedObjects objects;
    private final JobProgress jobs;
    private final DatabaseDeployment database;
    private final ClusterFacts facts;
    private final SecureRandom random = new SecureRandom();

    ProvisioningStep(KubernetesClient client) {
        this.client = client;
        this.objects = new OwnedObjects(client);
        this.jobs = new JobProgress(client);
        this.database = new DatabaseDeployment(client);
        this.facts = new ClusterFacts(client);
    }

    StepOutcome provision(BenchmarkRun owner) {
        boolean postgres = owner.getSpec().database().engine() == EngineType.POSTGRESQL;
        if (postgres) {
            objects.createIfAbsent(DatabaseSecret.build(owner, DatabaseSecret.generatePassword(random)));
        }
        objects.createIfAbsent(DatabaseServices.headless(owner));
        if (postgres) {
            objects.createIfAbsent(DatabaseServices.primary(owner));
        } else {
            for (int replica = 0; replica < owner.getSpec().database().replicas(); replica++) {
                objects.createIfAbsent(DatabaseServices.replica(owner, replica));
            }
        }
        objects.createIfAbsent(LoadgenAccess.serviceAccount(owner));
        objects.createIfAbsent(LoadgenAccess.role(owner));
        objects.createIfAbsent(LoadgenAccess.roleBinding(owner));
        objects.createIfAbsent(BenchmarkSpecConfigMap.build(owner, owner.getStatus().getSeed()));

        DatabaseDeployment.State state = database.ensure(owner, 1);
        if (state.notReady().isPresent()) {
            return state.notReady().get();
        }
        ClusterFacts.StorageCheck storage = ClusterFacts.storageCheck(owner.getSpec().database().storage().type(),
                state.pods());
        owner.getStatus().setEnvironment(new ClusterEnvironment(facts.kubernetesVersion(), null, null, null, null,
                facts.placement(state.pods()), Map.of(), storage.description(), List.of()));
        if (!storage.passed()) {
            return new StepOutcome.Fail("StorageCheckFailed", "spec.database.storage.type is localNvme, but the "
                    + storage.description());
        }
        int replicas = owner.getSpec().database().replicas();
        if (replicas > 1) {
            objects.createIfAbsent(LoadgenJobs.networkProbeService(owner));
            String job = objects.createIfAbsent(LoadgenJobs.networkProbe(owner)).getMetadata().getName();
            // The Job before the measurements: what a pod stored before its Job was seen failing is counted.
            JobProgress.State probeJob = jobs.of(owner.getMetadata().getNamespace(), job);
            List<RoundTrips> measured = new ClusterExchange(client, owner.getMetadata().getNamespace(),
                    owner.getMetadata().getName(), owner.getMetadata().getUid()).roundTrips();
            if (measured.size() < replicas) {
                if (probeJob instanceof JobProgress.State.Failed failed) {
                    return new StepOutcome.Fail("NetworkProbeFailed", failed.reason());
                }
                return new StepOutcome.Wait("round trips between database nodes: " + measured.size() + " of "
                        + replicas + " network probes of Job " + job + " reported");
            }
            ClusterEnvironment environment = owner.getStatus().getEnvironment();
            owner.getStatus().setEnvironment(new ClusterEnvironment(environment.kubernetesVersion(), null, null, null,
                    null, environment.databaseNodes(), Map.of(), environment.storageCheck(), describe(measured)));
        }
        return new StepOutcome.Advance(BenchmarkPhase.Loading, 1);
    }

    /** Every measured pair of database nodes, in probe-pod order. */
    private static List<RoundTripStatus> describe(List<RoundTrips> measured) {
        Map<Integer, String> nodes = new TreeMap<>();
        measured.forEach(roundTrips -> nodes.put(roundTrips.podIndex(), roundTrips.nodeName()));
        List<RoundTripStatus> pairs = new ArrayList<>();
        for (RoundTrips roundTrips : measured.stream().sorted(Comparator.comparingInt(RoundTrips::podIndex)).toList()) {
            roundTrips.toPod().forEach((peer, summary) -> pairs.add(new RoundTripStatus(roundTrips.nodeName(),
                    nodes.get(peer), summary.meanMs(), summary.p95Ms(), summary.p99Ms())));
        }
        return pairs;
    }
}
