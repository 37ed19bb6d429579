package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.apiserver.AuditLog;
import io.ledgerbench.operator.apiserver.RealApiServer;
import io.ledgerbench.operator.model.LoadgenAccess;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The lifecycle on a real kube-apiserver with etcd: the CRDs' schema and CEL rules apply, the
 * operator runs as in production (server-side apply), as the chart's ServiceAccount under the
 * chart's ClusterRole, and the simulated load-generator pods as theirs; the server's RBAC
 * authorizer (and OwnerReferencesPermissionEnforcement) decides, its audit log shows what was asked.
 */
@EnabledIf(value = "io.ledgerbench.operator.apiserver.RealApiServer#isAvailable", disabledReason = RealApiServer.ABSENT)
class BenchmarkRunOnRealApiServerTest extends BenchmarkRunLifecycleTest {

    /**
     * What the ClusterRole grants that no request of the operator shows: update on the finalizers,
     * which the server checks (not a request) when the operator sets owner references with
     * blockOwnerDeletion — {@link #withoutTheFinalizersRuleTheOperatorIsForbiddenToOwnWhatItCreates} shows
     * they are needed — get on BenchmarkRuns and BenchmarkComparisons, no more than list already grants, and get
     * on pods, which only spec.faults uses (none here; the mock lifecycle's fault test shows it).
     */
    private static final List<String> GRANTED_BUT_NOT_REQUESTED = List.of("get ledgerbench.io/benchmarkruns",
            "update ledgerbench.io/benchmarkruns/finalizers", "get ledgerbench.io/benchmarkcomparisons",
            "update ledgerbench.io/benchmarkcomparisons/finalizers", "get pods");

    private static RealApiServer server;
    private static List<HasMetadata> install;
    private static boolean realGarbageCollector;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final Map<String, KubernetesClient> loadgenClients = new HashMap<>();

    @BeforeAll
    static void startServerAndInstall() throws IOException {
        server = RealApiServer.start();
        install = Serialization.unmarshal(Files.newInputStream(Path.of("../manifests/install.yaml")));
        for (HasMetadata object : install) {
            server.admin().resource(object).create(); // the CRDs, the operator's namespace, ServiceAccount and RBAC
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> server.admin().apiextensions().v1().customResourceDefinitions()
                .list().getItems().stream().filter(crd -> crd.getSpec().getGroup().equals("ledgerbench.io"))
                .allMatch(crd -> crd.getStatus() != null && crd.getStatus().getConditions().stream()
                        .anyMatch(condition -> condition.getType().equals("Established")
                                && condition.getStatus().equals("True"))));
        realGarbageCollector = server.startGarbageCollector();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    KubernetesClient prepareServer() {
        return server.admin();
    }

    @Override
    String newNamespace() {
        String name = "bench-" + NAMESPACES.incrementAndGet();
        server.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .build()).create();
        return name;
    }

    /** As in production: default configuration (server-side apply), the chart's ServiceAccount. */
    @Override
    Operator newOperator() {
        Subject account = operatorServiceAccount();
        KubernetesClient operatorClient = server.asServiceAccount(account.getNamespace(), account.getName(),
                OPERATOR_USER_AGENT);
        return new Operator(overrider -> overrider.withKubernetesClient(operatorClient).withCloseClientOnStop(false));
    }

    @Override
    KubernetesClient loadgenClient(String benchmark) {
        return loadgenClients.computeIfAbsent(benchmark, name -> server.asServiceAccount(namespace,
                new ResourceNames(name).loadgenServiceAccount(), "ledgerbench-loadgen-under-test"));
    }

    @Override
    String kubernetesVersion() {
        return server.gitVersion();
    }

    @Override
    void collectGarbage() {
        if (realGarbageCollector) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                cluster().finishTerminatingPods(); // the collector deletes pods; their kubelet has the last word
                return cluster().everything().isEmpty()
                        && client.resources(BenchmarkRun.class).inNamespace(namespace).list().getItems().isEmpty();
            });
        } else {
            cluster().collectGarbage();
        }
    }

    private static Subject operatorServiceAccount() {
        return install.stream().filter(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                .findFirst().orElseThrow().getSubjects().getFirst();
    }

    private static ClusterRole clusterRole() {
        return install.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst()
                .orElseThrow();
    }

    private static String operatorUser() {
        Subject account = operatorServiceAccount();
        return RealApiServer.serviceAccountUser(account.getNamespace(), account.getName());
    }

    private static ClusterRoleRules.Permission permission(AuditLog.Request request) {
        return new ClusterRoleRules.Permission(request.group(), request.resourcePath(), request.verb());
    }

    private List<AuditLog.Request> requestsInThisNamespaceBy(String user) {
        return server.auditLog().requestsBy(user).stream()
                .filter(request -> request.namespace().isEmpty() || request.namespace().equals(namespace)).toList();
    }

    @Test
    void theChartsClusterRoleAllowsEveryRequestOfBothEnginesAndAComparisonAndEachRuleIsUsed() {
        runBothEnginesAndAComparison();

        List<AuditLog.Request> requests = requestsInThisNamespaceBy(operatorUser());
        assertThat(requests).as("the operator's requests in the audit log").isNotEmpty();
        assertThat(requests.stream().filter(AuditLog.Request::forbidden).toList()).as("forbidden").isEmpty();
        Set<ClusterRoleRules.Permission> used = requests.stream().map(BenchmarkRunOnRealApiServerTest::permission)
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(Object::toString))));
        ClusterRoleRules role = new ClusterRoleRules(clusterRole().getRules());
        assertThat(role.grantedButUnused(used)).as("granted, never requested by the operator here, and not explained")
                .containsExactlyInAnyOrderElementsOf(GRANTED_BUT_NOT_REQUESTED);
        // Each rule grants something used that no other rule grants: without any one of them a request is refused.
        List<PolicyRule> rules = clusterRole().getRules();
        for (int index = 0; index < rules.size(); index++) {
            if (grantsOnlyFinalizers(rules.get(index))) {
                continue; // checked by the server, not requested: see the test without the finalizers rule
            }
            List<PolicyRule> others = new ArrayList<>(rules);
            others.remove(index);
            ClusterRoleRules withoutIt = new ClusterRoleRules(others);
            assertThat(used.stream().filter(permission -> !withoutIt.allows(permission)).toList())
                    .as("requests only rule %d (%s) allows", index, rules.get(index)).isNotEmpty();
        }

        for (String benchmark : List.of(PG, TB)) {
            String loadgenUser = RealApiServer.serviceAccountUser(namespace, new ResourceNames(benchmark)
                    .loadgenServiceAccount());
            List<AuditLog.Request> podRequests = requestsInThisNamespaceBy(loadgenUser);
            assertThat(podRequests).as("requests of %s", loadgenUser).isNotEmpty().noneMatch(AuditLog.Request::forbidden);
            ClusterRoleRules podRole = new ClusterRoleRules(LoadgenAccess.role(get(benchmark)).getRules());
            assertThat(podRequests.stream().map(BenchmarkRunOnRealApiServerTest::permission).distinct())
                    .allMatch(podRole::allows);
        }
    }

    private static boolean grantsOnlyFinalizers(PolicyRule rule) {
        return rule.getResources().stream().allMatch(resource -> resource.endsWith("/finalizers"));
    }

    @Test
    void withoutTheFinalizersRuleTheOperatorIsForbiddenToOwnWhatItCreates() {
        ClusterRole original = server.admin().rbac().clusterRoles().withName(clusterRole().getMetadata().getName()).get();
        try {
            ClusterRole reduced = Serialization.clone(original);
            reduced.getRules().removeIf(rule -> rule.getResources().equals(List.of("benchmarkruns/finalizers")));
            assertThat(reduced.getRules()).hasSize(original.getRules().size() - 1);
            server.admin().resource(reduced).update();
            startOperator();
            apply("postgresql-fair.yaml");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                cluster().tick();
                assertThat(requestsInThisNamespaceBy(operatorUser())).anySatisfy(request -> {
                    assertThat(request.forbidden()).isTrue();
                    assertThat(request.verb()).isEqualTo("create");
                });
            });
            assertThat(phase(PG)).isNotEqualTo(BenchmarkPhase.Succeeded);
        } finally {
            ClusterRole current = server.admin().rbac().clusterRoles().withName(original.getMetadata().getName()).get();
            current.setRules(original.getRules());
            server.admin().resource(current).update();
        }
    }

    @Test
    void kubectlGetBenchmarkrunsShowsAFinishedRunsValuesInItsColumns() {
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);
        assertThat(status.getPhase()).isEqualTo(BenchmarkPhase.Succeeded);

        List<String> lines = server.kubectl("get", "benchmarkruns", "--namespace", namespace).lines().toList();

        assertThat(lines.getFirst().split("\\s+")).containsExactly("NAME", "ENGINE", "MODE", "PHASE", "RUN", "TPS",
                "P99(MS)", "VALID", "AGE");
        assertThat(lines.get(1).split("\\s+")).startsWith(PG, "postgresql", "maxThroughput", "Succeeded", "3/3",
                kubectlNumber(status.getThroughput()), kubectlNumber(status.getP99Ms()), "true");
    }

    @Test
    void theOperatorWritesStatusByServerSideApplyUnderItsOwnFieldManager() {
        startOperator();
        apply("postgresql-fair.yaml");
        assertThat(runToTheEnd(PG).getPhase()).isEqualTo(BenchmarkPhase.Succeeded);

        assertThat(get(PG).getMetadata().getManagedFields()).anySatisfy(entry -> {
            assertThat(entry.getOperation()).isEqualTo("Apply");
            assertThat(entry.getSubresource()).isEqualTo("status");
            assertThat(entry.getManager()).isNotBlank();
        });
        assertThat(requestsInThisNamespaceBy(operatorUser())).anySatisfy(request -> {
            assertThat(request.resourcePath()).isEqualTo("benchmarkruns/status");
            assertThat(request.verb()).isEqualTo("patch");
            assertThat(request.code()).isEqualTo(200);
        });
    }

    /** How kubectl prints a number column: Go's shortest representation. */
    private static String kubectlNumber(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
