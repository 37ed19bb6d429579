package io.ledgerbench.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.operator.apiserver.RealApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * What `kubectl apply -f manifests/install.yaml` and `helm install` send, as a real kube-apiserver
 * judges it in a server-side dry run (schema of every built-in kind, defaulting, admission): nothing
 * is stored, every object is accepted.
 */
@EnabledIf(value = "io.ledgerbench.operator.apiserver.RealApiServer#isAvailable", disabledReason = RealApiServer.ABSENT)
class InstallOnRealApiServerTest {

    /**
     * Kinds of the Prometheus operator: this server has no CRDs for them (a cluster with
     * kube-prometheus-stack has), so they cannot be judged here.
     */
    private static final Set<String> KINDS_OF_OTHER_OPERATORS = Set.of("PodMonitor", "ServiceMonitor");

    private static RealApiServer server;

    @BeforeAll
    static void startServer() {
        server = RealApiServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Creates the namespaces the objects go to (a dry run cannot create into a namespace that is not there). */
    private static void createNamespacesOf(List<HasMetadata> objects) {
        objects.stream().map(object -> object.getMetadata().getNamespace()).filter(namespace -> namespace != null)
                .distinct()
                .filter(namespace -> server.admin().namespaces().withName(namespace).get() == null)
                .forEach(namespace -> server.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                        .withName(namespace).endMetadata().build()).create());
    }

    /** What the server refused of the objects, one line per object; empty when it accepted them all. */
    private static List<String> refusedInADryRun(List<HasMetadata> objects) {
        List<String> refused = new ArrayList<>();
        for (HasMetadata object : objects) {
            try {
                server.admin().resource(object).dryRun().create();
            } catch (KubernetesClientException e) {
                refused.add(object.getKind() + "/" + object.getMetadata().getName() + ": " + e.getCode() + " "
                        + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
            }
        }
        return refused;
    }

    @Test
    void theInstallManifestIsAcceptedInAServerSideDryRun() throws IOException {
        List<HasMetadata> objects = Serialization.unmarshal(Files.newInputStream(Path.of("../manifests/install.yaml")));
        assertThat(objects).extracting(HasMetadata::getKind).contains("Namespace", "CustomResourceDefinition",
                "ClusterRole", "ClusterRoleBinding", "ServiceAccount", "Deployment", "Service");
        List<HasMetadata> namespaces = objects.stream().filter(Namespace.class::isInstance).toList();
        assertThat(refusedInADryRun(namespaces)).isEmpty();

        createNamespacesOf(objects);
        List<HasMetadata> rest = objects.stream().filter(object -> !(object instanceof Namespace)).toList();

        assertThat(refusedInADryRun(rest)).isEmpty();
    }

    @Test
    void theChartWithEveryOptionSetIsAcceptedInAServerSideDryRun() {
        List<HasMetadata> objects = HelmChartTest.parse(HelmChartTest.withEveryOption(HelmChartTest.template()).call());
        List<HasMetadata> judged = objects.stream()
                .filter(object -> !KINDS_OF_OTHER_OPERATORS.contains(object.getKind())).toList();
        assertThat(objects.size() - judged.size()).as("PodMonitor and ServiceMonitor, not judged here").isEqualTo(2);
        assertThat(judged).extracting(HasMetadata::getKind).contains("CustomResourceDefinition", "ConfigMap",
                "Deployment", "ClusterRole");
        createNamespacesOf(judged);

        assertThat(refusedInADryRun(judged)).isEmpty();
    }

    @Test
    void aDryRunRefusesWhatTheServerWould() {
        // The check above can fail: a Deployment without containers is refused naming the field.
        HasMetadata broken = Serialization.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken, namespace: default}
                spec:
                  selector: {matchLabels: {app: broken}}
                  template: {metadata: {labels: {app: broken}}, spec: {containers: []}}
                """);

        assertThat(refusedInADryRun(List.of(broken))).singleElement().asString()
                .contains("Deployment/broken: 422").contains("spec.template.spec.containers: Required value");
    }
}
