package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.operator.reconciler.ClusterRoleRules.Permission;
import org.junit.jupiter.api.Test;

/** The test helper that maps API requests to RBAC permissions must map them right, or its verdict means nothing. */
class ClusterRoleRulesTest {

    @Test
    void namespacedCoreRequestsMapToTheirVerbs() {
        assertThat(ClusterRoleRules.of("GET", "/api/v1/namespaces/bench/configmaps/x"))
                .contains(new Permission("", "configmaps", "get"));
        assertThat(ClusterRoleRules.of("GET", "/api/v1/namespaces/bench/pods?labelSelector=a%3Db"))
                .contains(new Permission("", "pods", "list"));
        assertThat(ClusterRoleRules.of("GET", "/api/v1/pods?watch=true&labelSelector=a"))
                .contains(new Permission("", "pods", "watch"));
        assertThat(ClusterRoleRules.of("DELETE", "/api/v1/namespaces/bench/pods/db-0"))
                .contains(new Permission("", "pods", "delete"));
    }

    @Test
    void groupedAndSubresourceRequestsCarryTheirGroupAndSubresource() {
        assertThat(ClusterRoleRules.of("PATCH", "/apis/ledgerbench.io/v1alpha1/namespaces/bench/benchmarkruns/pg/status"))
                .contains(new Permission("ledgerbench.io", "benchmarkruns/status", "patch"));
        assertThat(ClusterRoleRules.of("POST", "/apis/batch/v1/namespaces/bench/jobs"))
                .contains(new Permission("batch", "jobs", "create"));
        assertThat(ClusterRoleRules.of("GET", "/api/v1/nodes/db-0")).contains(new Permission("", "nodes", "get"));
    }

    @Test
    void nonResourceUrlsNeedNoRule() {
        assertThat(ClusterRoleRules.of("GET", "/version")).isEmpty();
    }
}
