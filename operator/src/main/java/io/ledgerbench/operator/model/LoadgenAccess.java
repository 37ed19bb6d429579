package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;

/**
 * The identity of the load-generator pods and the only thing it may do: read, create, update and
 * watch ConfigMaps in the benchmark's namespace (readiness, the start barrier, results).
 */
public final class LoadgenAccess {

    private LoadgenAccess() {
    }

    public static ServiceAccount serviceAccount(BenchmarkRun owner) {
        return new ServiceAccountBuilder().withMetadata(metadata(owner)).withAutomountServiceAccountToken(true).build();
    }

    public static Role role(BenchmarkRun owner) {
        return new RoleBuilder()
                .withMetadata(metadata(owner))
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                        .withVerbs("get", "list", "watch", "create", "update", "patch").build())
                .build();
    }

    public static RoleBinding roleBinding(BenchmarkRun owner) {
        String name = new ResourceNames(owner.getMetadata().getName()).loadgenServiceAccount();
        return new RoleBindingBuilder()
                .withMetadata(metadata(owner))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name)
                .withNamespace(owner.getMetadata().getNamespace()).endSubject()
                .build();
    }

    private static ObjectMeta metadata(BenchmarkRun owner) {
        String benchmark = owner.getMetadata().getName();
        return Owners.metadata(owner, new ResourceNames(benchmark).loadgenServiceAccount(),
                ClusterLabels.of(benchmark, ClusterLabels.LOADGEN));
    }
}
