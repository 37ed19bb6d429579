package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle on the fabric8 mock API server in CRUD mode: runs on every machine, where the real
 * server's binaries are absent too. It validates nothing, has no server-side apply and no authorizer:
 * {@link BenchmarkRunOnRealApiServerTest} shows those.
 */
@EnableKubernetesMockClient(crud = true)
class BenchmarkRunOnMockApiServerTest extends BenchmarkRunLifecycleTest {

    /**
     * What the ClusterRole grants that this replay cannot show in use: get on BenchmarkRuns (no more
     * than list already grants), and update on their finalizers, which the API server checks when the
     * operator sets owner references with blockOwnerDeletion (the mock server does not); get on pods,
     * which only spec.faults uses (this replay has none: aFaultDeletesItsNodesPod... shows it).
     */
    private static final List<String> GRANTED_BUT_UNSEEN_IN_THE_MOCK = List.of("get ledgerbench.io/benchmarkruns",
            "update ledgerbench.io/benchmarkruns/finalizers", "get ledgerbench.io/benchmarkcomparisons",
            "update ledgerbench.io/benchmarkcomparisons/finalizers", "get pods");

    KubernetesMockServer server;
    KubernetesClient mockClient;

    @Override
    KubernetesClient prepareServer() throws IOException {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("33").withGitVersion("v1.33.4").build());
        for (String crd : List.of("benchmarkruns.ledgerbench.io-v1.yml", "benchmarkcomparisons.ledgerbench.io-v1.yml")) {
            mockClient.apiextensions().v1().customResourceDefinitions()
                    .load(Files.newInputStream(Path.of("../crds", crd))).create();
        }
        return mockClient;
    }

    @Override
    String newNamespace() {
        return "bench";
    }

    @Override
    Operator newOperator() {
        KubernetesClient operatorClient = server.createClient(builder -> builder.withConfig(
                new ConfigBuilder(mockClient.getConfiguration()).withUserAgent(OPERATOR_USER_AGENT).build()));
        // The mock API server does not implement server-side apply; JSON merge patches write the same status.
        // (Only here: against a real server the operator runs as in production, with server-side apply.)
        return new Operator(overrider -> overrider.withKubernetesClient(operatorClient)
                .withCloseClientOnStop(true).withUseSSAToPatchPrimaryResource(false));
    }

    @Override
    KubernetesClient loadgenClient(String benchmark) {
        return mockClient;
    }

    @Override
    String kubernetesVersion() {
        return "v1.33.4";
    }

    @Override
    void collectGarbage() {
        cluster().collectGarbage();
    }

    @Test
    void theInstalledClusterRoleAllowsEveryRequestTheOperatorMakesAndLittleElse() throws Exception {
        runBothEnginesAndAComparison();

        ClusterRoleRules role = ClusterRoleRules.fromInstallManifest();
        Set<ClusterRoleRules.Permission> used = new TreeSet<>(Comparator.comparing(ClusterRoleRules.Permission::toString));
        for (var request = server.takeRequest(0, TimeUnit.MILLISECONDS); request != null;
             request = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
            if (OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
                ClusterRoleRules.of(request.getMethod(), request.getPath()).ifPresent(used::add);
            }
        }
        assertThat(used).as("the operator made requests").isNotEmpty();
        assertThat(used.stream().filter(permission -> !role.allows(permission)).toList())
                .as("requests the ClusterRole does not allow (of %s)", used).isEmpty();
        assertThat(role.grantedButUnused(used)).as("granted, never used by the operator here, and not explained")
                .containsExactlyInAnyOrderElementsOf(GRANTED_BUT_UNSEEN_IN_THE_MOCK);
    }
}
