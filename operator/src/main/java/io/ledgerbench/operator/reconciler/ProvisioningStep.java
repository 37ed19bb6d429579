package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.ClusterEnvironment;
import io.ledgerbench.operator.dependent.ClusterFacts;
import io.ledgerbench.operator.dependent.OwnedObjects;
import io.ledgerbench.operator.model.BenchmarkSpecConfigMap;
import io.ledgerbench.operator.model.DatabaseSecret;
import io.ledgerbench.operator.model.DatabaseServices;
import io.ledgerbench.operator.model.LoadgenAccess;
import java.security.SecureRandom;
import java.util.Map;

/**
 * SPEC section 8, step 1: credentials, configuration, Services, the load generators' identity, the
 * spec (with the seed) they read, and the database StatefulSet; once every database pod is ready,
 * the storage check and where everything landed go into status.environment.
 */
final class ProvisioningStep {

    private final OwnedObjects objects;
    private final DatabaseDeployment database;
    private final ClusterFacts facts;
    private final SecureRandom random = new SecureRandom();

    ProvisioningStep(KubernetesClient client) {
        this.objects = new OwnedObjects(client);
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
                facts.placement(state.pods()), Map.of(), storage.description()));
        if (!storage.passed()) {
            return new StepOutcome.Fail("StorageCheckFailed", "spec.database.storage.type is localNvme, but the "
                    + storage.description());
        }
        return new StepOutcome.Advance(BenchmarkPhase.Loading, 1);
    }
}
